import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, MIGRATIONS_DIR, MigrationError } from "@/lib/db/migrations";
import { freshDatabase, type TestDatabase } from "@/test/fresh-database";
import { startStack } from "../stack";
import { SetupError } from "./data-dir";
import { ensurePostgres } from "./postgres";
import { ensureRedis } from "./redis";

const saved = { DATABASE_URL: process.env.DATABASE_URL, REDIS_URL: process.env.REDIS_URL };
afterEach(() => Object.assign(process.env, saved));

function setEnv(name: "DATABASE_URL" | "REDIS_URL", value: string) {
  process.env[name] = value;
}

describe("setup problems are told as one paragraph that names the fix", () => {
  it("DATABASE_URL that is not a PostgreSQL URL", async () => {
    setEnv("DATABASE_URL", "mysql://root@localhost/flowgate");
    const error = await ensurePostgres().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SetupError);
    expect((error as Error).message).toMatch(
      /DATABASE_URL is not a PostgreSQL URL.*unset it to use the embedded PostgreSQL/,
    );
  });

  it("DATABASE_URL pointing at no server, with the password hidden", async () => {
    setEnv("DATABASE_URL", "postgresql://u:hunter2@127.0.0.1:1/flowgate");
    const error = (await ensurePostgres().catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(SetupError);
    expect(error.message).toMatch(/Cannot connect to PostgreSQL at DATABASE_URL/);
    expect(error.message).not.toContain("hunter2");
  });

  it("REDIS_URL pointing at no server", async () => {
    setEnv("REDIS_URL", "redis://127.0.0.1:1");
    const error = (await ensureRedis().catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(SetupError);
    expect(error.message).toMatch(/Cannot reach REDIS_URL.*redis-server/);
  });

  it("a port already in use", async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "0.0.0.0", resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    const error = (await startStack({ port, sandboxPort: port + 1, env: {} }).catch((e: unknown) => e)) as Error;
    blocker.close();
    expect(error).toBeInstanceOf(SetupError);
    expect(error.message).toContain(`Port ${port} is already in use`);
    expect(error.message).toContain("PORT=");
  });
});

describe("migration applier", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase();
  });
  afterAll(() => t.drop());

  it("refuses a migration edited after it was applied, and changes nothing", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "migrations-"));
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    const first = path.join(dir, "20261121000000_init", "migration.sql");
    writeFileSync(first, "-- edited\n", { flag: "a" });
    await expect(applyMigrations(t.url, dir)).rejects.toThrow(MigrationError);
    await expect(applyMigrations(t.url, dir)).rejects.toThrow(/was changed after it was applied/);
  });

  it("rolls back a failing migration entirely", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "migrations-"));
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    const bad = path.join(dir, "29990101000000_bad");
    cpSync(path.join(dir, "20261121000000_init"), bad, { recursive: true });
    writeFileSync(path.join(bad, "migration.sql"), 'CREATE TABLE "Half" (id int);\nSELECT * FROM no_such_table;\n');
    await expect(applyMigrations(t.url, dir)).rejects.toThrow(/29990101000000_bad failed/);
    const tables = await t.db.$queryRaw<
      { n: bigint }[]
    >`SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'Half'`;
    expect(Number(tables[0]?.n)).toBe(0);
  });
});
