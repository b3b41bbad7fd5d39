// Delivery benchmarks (issue 5). Needs PostgreSQL and Redis like `npm test` (DATABASE_URL /
// REDIS_URL, else the embedded PostgreSQL and a redis-server on PATH); the Intercom sandbox and the
// workers run as their own processes. Prints figures; the last line is one JSON object.
//   1. overhead: one worker delivering 20,000 single-record calls vs a raw undici loop at the
//      same concurrency against the same sandbox → throughput_ratio (goal ≥ 0.8)
//   2. budget: 2 workers, 3 destinations, one credential, sandbox budget 500 per 10 s, 60 s →
//      budget_utilization (goal ≥ 0.95), rate_limited_calls (goal ≤ 1% of calls)
//   3. memory: a 1,000,000-record Nexset in Preview bulk calls of 100 → worker peak RSS (goal ≤ 300 MB)
// Run: npx tsx bench/delivery.ts [overhead|budget|memory]…   (all three by default)
import { Agent, request } from "undici";
import { activateDestination } from "@/lib/delivery/destination-lifecycle";
import { closeQueues } from "@/lib/queue/queues";
import {
  type BenchStack, contactRecord, sandboxApp, sandboxAppId, sandboxContacts, sandboxRequests, seedCredential, seedDestination, seedNexset,
  startBenchStack, startSandboxProcess, startWorkerProcess, waitForDelivered,
} from "./delivery-support";

const CONCURRENCY = Number(process.env.BENCH_DELIVERY_CONCURRENCY ?? 16);
const OVERHEAD_RECORDS = Number(process.env.BENCH_OVERHEAD_RECORDS ?? 20_000);
const BUDGET_SECONDS = Number(process.env.BENCH_BUDGET_SECONDS ?? 60);
const MEMORY_RECORDS = Number(process.env.BENCH_MEMORY_RECORDS ?? 1_000_000);
const UNLIMITED = 100_000_000;

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

async function rawLoop(url: string, token: string, count: number, concurrency: number, tag: string): Promise<number> {
  const agent = new Agent({ connections: 64, keepAliveTimeout: 30_000 });
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < count; i = next++) {
        const response = await request(`${url}/contacts`, {
          dispatcher: agent,
          method: "POST",
          headers: { "content-type": "application/json", accept: "application/json", "intercom-version": "2.14", authorization: `Bearer ${token}` },
          body: JSON.stringify(contactRecord(i, tag)),
        });
        await response.body.text();
        if (response.statusCode !== 200) throw new Error(`raw loop: HTTP ${response.statusCode}`);
      }
    }),
  );
  const elapsed = performance.now() - started;
  await agent.close();
  return elapsed;
}

interface OverheadRun {
  ratio: number;
  engineRate: number;
  rawRate: number;
  peakRss: number;
  /** CPU per record: the worker process, and the raw loop (this process). */
  workerUs: number;
  rawClientUs: number;
}

const cpuMicros = (usage: NodeJS.CpuUsage) => usage.user + usage.system;

/** One comparison: the raw loop, then a worker, each on its own sandbox app (so no 409s). */
async function compareWithRaw(stack: BenchStack, records: number, latencyMs: number, label: string): Promise<OverheadRun> {
  const raw = sandboxApp(`raw-${label}`, UNLIMITED);
  const engine = sandboxApp(`engine-${label}`, UNLIMITED);
  const sandbox = await startSandboxProcess([raw, engine]);
  try {
    if (latencyMs > 0) await fetch(`${sandbox.url}/__sandbox/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ latencyMs }) });
    const credentialId = await seedCredential(stack, engine, UNLIMITED);
    const nexsetId = await seedNexset(stack, records, `engine-${label}`);
    const destinationId = await seedDestination(stack, nexsetId, credentialId, {});
    // Warm both paths' connections and the sandbox's JIT a little, equally.
    await rawLoop(sandbox.url, raw.token, Math.min(500, records), CONCURRENCY, "warmup");
    const rawCpu = { bench: process.cpuUsage(), sandbox: sandbox.cpuSeconds() };
    const rawMs = await rawLoop(sandbox.url, raw.token, records, CONCURRENCY, "raw");
    const rawRate = records / (rawMs / 1000);
    const rawClientUs = cpuMicros(process.cpuUsage(rawCpu.bench)) / records;
    const rawSandboxUs = ((sandbox.cpuSeconds() - rawCpu.sandbox) * 1e6) / records;
    console.log(`   raw undici loop: ${Math.round(rawMs)} ms, ${Math.round(rawRate)} records/s (CPU per record: loop ${Math.round(rawClientUs)} µs, sandbox ${Math.round(rawSandboxUs)} µs)`);
    const worker = await startWorkerProcess(stack, sandbox.url, { FLOWGATE_DELIVERY_CONCURRENCY: String(CONCURRENCY) });
    try {
      const engineCpu = { worker: worker.cpuSeconds(), sandbox: sandbox.cpuSeconds() };
      await activateDestination(stack.db, stack.organisationId, destinationId);
      const engineMs = await waitForDelivered(stack.db, [destinationId], records, 600_000);
      const engineRate = records / (engineMs / 1000);
      const peakRss = worker.peakRssMb();
      const workerUs = ((worker.cpuSeconds() - engineCpu.worker) * 1e6) / records;
      const engineSandboxUs = ((sandbox.cpuSeconds() - engineCpu.sandbox) * 1e6) / records;
      console.log(`   Flowgate worker: ${Math.round(engineMs)} ms, ${Math.round(engineRate)} records/s (peak RSS ${peakRss} MB; CPU per record: worker ${Math.round(workerUs)} µs, sandbox ${Math.round(engineSandboxUs)} µs)`);
      console.log(`   throughput_ratio ${round(engineRate / rawRate)}`);
      if (process.env.BENCH_SHOW_WORKER) console.log(worker.output().split("\n").filter((l) => /DBG/.test(l)).slice(0, 8).join("\n"));
      return { ratio: round(engineRate / rawRate), engineRate: Math.round(engineRate), rawRate: Math.round(rawRate), peakRss, workerUs: Math.round(workerUs), rawClientUs: Math.round(rawClientUs) };
    } finally {
      await worker.stop();
    }
  } finally {
    await sandbox.stop();
  }
}

async function benchOverhead(stack: BenchStack): Promise<Record<string, number>> {
  console.log(`\n1. overhead: ${OVERHEAD_RECORDS} single-record calls, concurrency ${CONCURRENCY}, sandbox answering at once (goal ≥ 0.8)`);
  const instant = await compareWithRaw(stack, OVERHEAD_RECORDS, 0, "instant");
  // Intercom answers in tens of milliseconds, not microseconds: the same comparison with 50 ms.
  const records = Math.min(OVERHEAD_RECORDS, 4_000);
  console.log(`   … and ${records} calls with the sandbox answering after 50 ms, as a real API does`);
  const latent = await compareWithRaw(stack, records, 50, "latency");
  return {
    throughput_ratio: instant.ratio,
    engine_records_per_s: instant.engineRate,
    raw_records_per_s: instant.rawRate,
    worker_cpu_us_per_record: instant.workerUs,
    raw_loop_cpu_us_per_record: instant.rawClientUs,
    throughput_ratio_50ms_latency: latent.ratio,
    engine_records_per_s_50ms_latency: latent.engineRate,
    raw_records_per_s_50ms_latency: latent.rawRate,
    concurrency: CONCURRENCY,
  };
}

async function benchBudget(stack: BenchStack): Promise<Record<string, number>> {
  const budget = 500;
  console.log(`\n2. budget: 2 workers, 3 destinations, one credential, sandbox budget ${budget}/10 s, ${BUDGET_SECONDS} s`);
  const app = sandboxApp("budget", budget);
  const sandbox = await startSandboxProcess([app]);
  const workers = [];
  try {
    // The credential keeps Flowgate's default (Intercom's documented 1,666/10 s): the sandbox's
    // X-RateLimit-* headers have to bring it down to 500.
    const credentialId = await seedCredential(stack, app, null);
    const destinationIds: string[] = [];
    for (const tag of ["a", "b", "c"]) {
      const nexsetId = await seedNexset(stack, Math.ceil((budget * (BUDGET_SECONDS / 10 + 2)) / 2), `budget-${tag}`);
      destinationIds.push(await seedDestination(stack, nexsetId, credentialId, {}));
    }
    for (let i = 0; i < 2; i++) workers.push(await startWorkerProcess(stack, sandbox.url, { FLOWGATE_DELIVERY_CONCURRENCY: String(CONCURRENCY) }));
    const startedAt = Date.now();
    for (const id of destinationIds) await activateDestination(stack.db, stack.organisationId, id);
    // Measure whole wall-clock windows (the sandbox's windows), starting with the first one after activation.
    const from = Math.ceil(startedAt / 10_000) * 10_000;
    const until = from + BUDGET_SECONDS * 1000;
    await new Promise((resolve) => setTimeout(resolve, until - Date.now() + 1_000));
    const all = await sandboxRequests(sandbox.url, await sandboxAppId(sandbox.url, "budget"));
    const limitedOverall = all.filter((c) => c.status === 429).length;
    const calls = all.filter((c) => {
      const t = Date.parse(c.time);
      return t >= from && t < until;
    });
    const accepted = calls.filter((c) => c.status !== null && c.status < 300).length;
    const limited = calls.filter((c) => c.status === 429).length;
    const windows = BUDGET_SECONDS / 10;
    const utilization = accepted / (budget * windows);
    const share = calls.length > 0 ? limited / calls.length : 0;
    console.log(`   ${accepted} calls accepted in ${windows} windows of ${budget}: budget_utilization ${round(utilization, 3)} (goal ≥ 0.95)`);
    console.log(`   ${limited} of ${calls.length} calls answered 429: ${round(share * 100, 2)}% (goal ≤ 1%)`);
    console.log(`   including the partial window before the first full one: ${limitedOverall} 429s in ${all.length} calls`);
    return {
      budget_utilization: round(utilization, 3),
      rate_limited_calls: limited,
      rate_limited_share: round(share, 4),
      calls: calls.length,
      accepted,
      rate_limited_calls_including_warmup: limitedOverall,
      calls_including_warmup: all.length,
    };
  } finally {
    for (const id of await stack.db.destination.findMany({ where: { status: "active" }, select: { id: true } })) {
      await stack.db.destination.update({ where: { id: id.id }, data: { status: "paused" } });
    }
    for (const worker of workers) await worker.stop();
    await sandbox.stop();
  }
}

async function benchMemory(stack: BenchStack): Promise<Record<string, number>> {
  console.log(`\n3. memory: ${MEMORY_RECORDS} records in Preview bulk calls of 100 (POST /contacts/bulk)`);
  const app = sandboxApp("memory", UNLIMITED);
  const sandbox = await startSandboxProcess([app], { SANDBOX_BULK_JOB_DURATION_MS: "0" });
  try {
    const credentialId = await seedCredential(stack, app, UNLIMITED);
    const seeded = performance.now();
    const nexsetId = await seedNexset(stack, MEMORY_RECORDS, "memory");
    console.log(`   seeded the Nexset in ${Math.round((performance.now() - seeded) / 1000)} s`);
    const destinationId = await seedDestination(stack, nexsetId, credentialId, {
      urlTemplate: "/contacts/bulk",
      intercomVersion: "Preview",
      batching: { enabled: true, size: 100, algorithm: "json_object_property", propertyName: "contacts" },
    });
    // The worker's heap cap is workers/node-flags.ts's default; FLOWGATE_WORKER_HEAP_MB=0 shows V8 uncapped.
    const worker = await startWorkerProcess(stack, sandbox.url, { FLOWGATE_DELIVERY_CONCURRENCY: String(CONCURRENCY), FLOWGATE_DELIVERY_BULK_POLL_MS: "25" });
    try {
      const startRss = worker.peakRssMb();
      await activateDestination(stack.db, stack.organisationId, destinationId);
      let lastReport = 0;
      const ms = await waitForDelivered(stack.db, [destinationId], MEMORY_RECORDS, 3_600_000, (done) => {
        if (done - lastReport < 100_000) return;
        lastReport = done;
        console.log(`   ${done} delivered, worker peak RSS ${worker.peakRssMb()} MB`);
      });
      const peak = worker.peakRssMb();
      const rate = MEMORY_RECORDS / (ms / 1000);
      const contacts = await sandboxContacts(sandbox.url, await sandboxAppId(sandbox.url, "memory"));
      if (contacts !== MEMORY_RECORDS) throw new Error(`the sandbox holds ${contacts} contacts, expected ${MEMORY_RECORDS}`);
      console.log(`   ${Math.round(ms / 1000)} s, ${Math.round(rate)} records/s; worker peak RSS ${peak} MB (at start ${startRss} MB; goal ≤ 300 MB)`);
      return { worker_peak_rss_mb: peak, records_per_s: Math.round(rate), seconds: Math.round(ms / 1000) };
    } finally {
      await worker.stop();
    }
  } finally {
    await sandbox.stop();
  }
}

async function main(): Promise<void> {
  const wanted = new Set(process.argv.slice(2).length > 0 ? process.argv.slice(2) : ["overhead", "budget", "memory"]);
  const stack = await startBenchStack();
  const figures: Record<string, Record<string, number>> = {};
  try {
    if (wanted.has("overhead")) figures.overhead = await benchOverhead(stack);
    if (wanted.has("budget")) figures.budget = await benchBudget(stack);
    if (wanted.has("memory")) figures.memory = await benchMemory(stack);
  } finally {
    await closeQueues();
    await stack.stop();
  }
  const goals = {
    ...(figures.overhead ? { throughput_ratio_ge_0_8: figures.overhead.throughput_ratio! >= 0.8 } : {}),
    ...(figures.budget ? { budget_utilization_ge_0_95: figures.budget.budget_utilization! >= 0.95, rate_limited_le_1pct: figures.budget.rate_limited_share! <= 0.01 } : {}),
    ...(figures.memory ? { worker_peak_rss_le_300mb: figures.memory.worker_peak_rss_mb! <= 300 } : {}),
  };
  console.log(JSON.stringify({ delivery: figures, goals }));
}

await main();
// lib/queue's producer connection is shared and outlives closeQueues(); nothing else is pending.
process.exit(0);
