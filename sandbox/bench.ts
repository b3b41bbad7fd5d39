// `npx tsx sandbox/bench.ts`: requests/s the sandbox sustains for POST /contacts under a raw HTTP
// load (autocannon), with the sandbox in its own process as `npm run sandbox` runs it.
// Prints a human summary; the last line is a JSON object. Env: BENCH_DURATION_S (10),
// BENCH_CONNECTIONS (50), BENCH_PIPELINING (1).
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import path from "node:path";
import autocannon from "autocannon";

const root = path.resolve(import.meta.dirname, "..");
const duration = Number(process.env.BENCH_DURATION_S ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const pipelining = Number(process.env.BENCH_PIPELINING ?? 1);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

async function waitForSandbox(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the sandbox exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/__sandbox/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the sandbox did not start within 30 s");
}

async function main(): Promise<void> {
  const port = await freePort();
  const token = `bench_${randomBytes(12).toString("hex")}`;
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(path.join(root, "node_modules", ".bin", "tsx"), ["sandbox/main.ts"], {
    cwd: root,
    env: {
      ...process.env,
      SANDBOX_PORT: String(port),
      SANDBOX_ADMIN_TOKEN: randomBytes(24).toString("base64url"),
      LOG_LEVEL: "warn",
      // A budget no benchmark reaches: this measures the sandbox, not its rate limiter.
      SANDBOX_BOOTSTRAP_APPS: JSON.stringify([{ name: "Bench", token, rateLimitPer10s: 1_000_000_000 }]),
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  try {
    await waitForSandbox(url, child);
    let n = 0;
    const result = await autocannon({
      url: `${url}/contacts`,
      method: "POST",
      connections,
      pipelining,
      duration,
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "Intercom-Version": "2.16" },
      requests: [
        {
          setupRequest: (req) => ({
            ...req,
            body: JSON.stringify({ email: `bench${++n}@example.com`, name: `Bench ${n}`, role: "user" }),
          }),
        },
      ],
    });
    const non2xx = result.non2xx;
    const summary = {
      endpoint: "POST /contacts",
      connections,
      pipelining,
      durationS: duration,
      requestsPerSecond: Math.round(result.requests.average),
      requestsTotal: result.requests.total,
      latencyMsAverage: result.latency.average,
      latencyMsP99: result.latency.p99,
      non2xx,
      errors: result.errors,
    };
    console.log(
      `POST /contacts: ${summary.requestsPerSecond} requests/s (${connections} connections, ${duration} s), ` +
        `latency avg ${summary.latencyMsAverage} ms, p99 ${summary.latencyMsP99} ms, non-2xx ${non2xx}, errors ${result.errors}`,
    );
    console.log(JSON.stringify(summary));
  } finally {
    child.kill("SIGTERM");
  }
}

await main();
