// Delivery benchmarks (issues 5 and 17). Needs PostgreSQL and Redis like `npm test` (DATABASE_URL /
// REDIS_URL, else the embedded PostgreSQL and a redis-server on PATH); the Intercom sandbox and the
// workers run as their own processes. Prints figures; the last line is one JSON object.
//   1. overhead: one worker delivering 20,000 single-record calls vs a raw undici loop at the
//      same concurrency against the same sandbox → throughput_ratio, and the raw loop writing every
//      answer to the activity log → activity_log_floor_ratio (the most the engine can reach); medians
//      of BENCH_OVERHEAD_ROUNDS (3) rounds; and each phase's CPU per record, machine-wide (sender,
//      sandbox, PostgreSQL), which bounds throughput when they all share one machine. Goals (issue 17):
//      throughput_ratio_by_cpu ≥ 0.45, engine_vs_floor_by_cpu ≥ 0.8
//   2. budget: 2 workers, 3 destinations, one credential, sandbox budget 500 per 10 s, 60 s →
//      budget_utilization (goal ≥ 0.95), rate_limited_calls (goal ≤ 1% of calls)
//   3. memory: a 1,000,000-record Nexset in Preview bulk calls of 100 → worker peak RSS (goal ≤ 300 MB)
//   4. fill and fairness at real answer times (bench/budget-fill.ts): budget_fill_200ms,
//      budget_fill_500ms, budget_fairness
// Run: npx tsx bench/delivery.ts [overhead|budget|memory|fill|fairness]…   (all by default)
import { availableParallelism } from "node:os";
import { activateDestination } from "@/lib/delivery/destination-lifecycle";
import { closeQueues } from "@/lib/queue/queues";
import {
  type BenchStack,
  ownCpuSeconds,
  postgresCpuSeconds,
  type SandboxApp,
  type SandboxHandle,
  sandboxApp,
  sandboxAppId,
  sandboxContacts,
  sandboxRequests,
  seedCredential,
  seedDestination,
  seedNexset,
  resetSandbox,
  sandboxAdmin,
  startBenchStack,
  startCpuMeter,
  startSandboxProcess,
  stealSeconds,
  startWorkerProcess,
  waitForDelivered,
} from "./delivery-support";
import { benchBudgetFairness, benchBudgetFill } from "./budget-fill";
import { rawLoop, rawLoopWithActivityLog } from "./raw-loop";
import { median, medianBy } from "./stats";

const CONCURRENCY = Number(process.env.BENCH_DELIVERY_CONCURRENCY ?? 16);
const OVERHEAD_RECORDS = Number(process.env.BENCH_OVERHEAD_RECORDS ?? 20_000);
const OVERHEAD_ROUNDS = Number(process.env.BENCH_OVERHEAD_ROUNDS ?? 3);
const BUDGET_SECONDS = Number(process.env.BENCH_BUDGET_SECONDS ?? 60);
const MEMORY_RECORDS = Number(process.env.BENCH_MEMORY_RECORDS ?? 1_000_000);
const UNLIMITED = 100_000_000;

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** CPU per record in µs of the process sending (the raw loop, or the worker), the sandbox and PostgreSQL. */
interface PhaseCpu {
  client: number;
  sandbox: number;
  postgres: number;
  /** CPU the VM wanted and the hypervisor gave elsewhere: high steal slows a phase by chance. */
  steal: number;
}

const machineCpu = (cpu: PhaseCpu) => cpu.client + cpu.sandbox + cpu.postgres;
const cpuText = (cpu: PhaseCpu, client: string) =>
  `CPU per record: ${client} ${Math.round(cpu.client)} µs, sandbox ${Math.round(cpu.sandbox)} µs, PostgreSQL ${Math.round(cpu.postgres)} µs; ${Math.round(machineCpu(cpu))} µs in all; VM steal ${Math.round(cpu.steal)} µs`;

interface OverheadRun {
  ratio: number;
  engineRate: number;
  rawRate: number;
  peakRss: number;
  raw: PhaseCpu;
  engine: PhaseCpu;
  /** The raw loop writing every answer to the activity log, when measured. */
  floor?: { rate: number; ratio: number; cpu: PhaseCpu };
}

/**
 * One comparison: the raw loop (with the activity-log floor when asked), then a worker, each on its
 * own sandbox app (so no 409s).
 */
async function compareWithRaw(
  stack: BenchStack,
  records: number,
  latencyMs: number,
  label: string,
  withFloor: boolean,
): Promise<OverheadRun> {
  const raw = sandboxApp(`raw-${label}`, UNLIMITED);
  const logged = sandboxApp(`floor-${label}`, UNLIMITED);
  const engine = sandboxApp(`engine-${label}`, UNLIMITED);
  const sandbox = await startSandboxProcess([raw, logged, engine]);
  try {
    const credentialId = await seedCredential(stack, engine, UNLIMITED);
    const nexsetId = await seedNexset(stack, records, `engine-${label}`);
    const destinationId = await seedDestination(stack, nexsetId, credentialId, {});
    const settle = () => quiesce(stack, sandbox.url, raw.token, Math.min(500, records), latencyMs);
    await settle();
    const rawMeter = startCpuMeter({
      client: ownCpuSeconds,
      sandbox: sandbox.cpuSeconds,
      postgres: postgresCpuSeconds,
      steal: stealSeconds,
    });
    const rawMs = await rawLoop(sandbox.url, raw.token, records, CONCURRENCY, "raw");
    const rawCpu = rawMeter(records);
    const rawRate = records / (rawMs / 1000);
    console.log(
      `   raw undici loop: ${Math.round(rawMs)} ms, ${Math.round(rawRate)} records/s (${cpuText(rawCpu, "loop")})`,
    );
    const floor = withFloor ? await measureFloor(stack, sandbox, logged, records, rawRate, settle) : undefined;
    const worker = await startWorkerProcess(stack, sandbox.url, { FLOWGATE_DELIVERY_CONCURRENCY: String(CONCURRENCY) });
    try {
      await settle();
      const engineMeter = startCpuMeter({
        client: worker.cpuSeconds,
        sandbox: sandbox.cpuSeconds,
        postgres: postgresCpuSeconds,
        steal: stealSeconds,
      });
      await activateDestination(stack.db, stack.organisationId, destinationId);
      const engineMs = await waitForDelivered(stack.db, [destinationId], records, 600_000);
      const engineCpu = engineMeter(records);
      const engineRate = records / (engineMs / 1000);
      const peakRss = worker.peakRssMb();
      console.log(
        `   Flowgate worker: ${Math.round(engineMs)} ms, ${Math.round(engineRate)} records/s (peak RSS ${peakRss} MB; ${cpuText(engineCpu, "worker")})`,
      );
      console.log(`   throughput_ratio ${round(engineRate / rawRate)}`);
      return {
        ratio: round(engineRate / rawRate),
        engineRate: Math.round(engineRate),
        rawRate: Math.round(rawRate),
        peakRss,
        raw: rawCpu,
        engine: engineCpu,
        ...(floor ? { floor } : {}),
      };
    } finally {
      await worker.stop();
    }
  } finally {
    await sandbox.stop();
  }
}

/**
 * Before each measured phase, so that each meets the same conditions: the sandbox emptied (else it
 * would hold the contacts of the phases before, its heap and collections larger), then warmed up
 * with a few raw calls, and PostgreSQL's upkeep after the seeding and earlier phases done now (else
 * autovacuum would run during the next phase, on the same cores).
 */
async function quiesce(
  stack: BenchStack,
  sandboxUrl: string,
  warmToken: string,
  warmCalls: number,
  latencyMs: number,
): Promise<void> {
  await resetSandbox(sandboxUrl);
  await rawLoop(sandboxUrl, warmToken, warmCalls, CONCURRENCY, "warmup");
  if (latencyMs > 0) await sandboxAdmin(sandboxUrl).setFaults({ latencyMs });
  await stack.db.$executeRawUnsafe("VACUUM ANALYZE");
}

/** The raw loop keeping every answer in the activity log: the most any engine keeping them could do. */
async function measureFloor(
  stack: BenchStack,
  sandbox: SandboxHandle,
  app: SandboxApp,
  records: number,
  rawRate: number,
  settle: () => Promise<void>,
): Promise<OverheadRun["floor"]> {
  // The rows need a destination to belong to; nothing delivers it.
  const credentialId = await seedCredential(stack, app, UNLIMITED);
  const destinationId = await seedDestination(stack, await seedNexset(stack, 1, "floor"), credentialId, {});
  const target = { databaseUrl: stack.databaseUrl, organisationId: stack.organisationId, destinationId };
  await settle();
  const meter = startCpuMeter({
    client: ownCpuSeconds,
    sandbox: sandbox.cpuSeconds,
    postgres: postgresCpuSeconds,
    steal: stealSeconds,
  });
  const ms = await rawLoopWithActivityLog(target, sandbox.url, app.token, records, CONCURRENCY, "floor");
  const cpu = meter(records);
  const rate = records / (ms / 1000);
  console.log(
    `   raw loop + activity log (every answer kept by COPY, nothing else): ${Math.round(ms)} ms, ${Math.round(rate)} records/s, ratio ${round(rate / rawRate)} (${cpuText(cpu, "loop")})`,
  );
  return { rate: Math.round(rate), ratio: round(rate / rawRate), cpu };
}

async function benchOverhead(stack: BenchStack): Promise<Record<string, number>> {
  console.log(
    `\n1. overhead: ${OVERHEAD_RECORDS} single-record calls, concurrency ${CONCURRENCY}, sandbox answering at once (goals: by CPU ≥ 0.45 of the raw loop, ≥ 0.8 of the floor)`,
  );
  // On a shared 2-core VM one comparison swings by ±30%: report the median of several, each
  // measuring the raw loop, the floor and the engine back to back.
  const rounds: OverheadRun[] = [];
  for (let round = 1; round <= OVERHEAD_ROUNDS; round++) {
    console.log(`   round ${round} of ${OVERHEAD_ROUNDS}`);
    rounds.push(await compareWithRaw(stack, OVERHEAD_RECORDS, 0, `instant-${round}`, true));
  }
  const instant = medianBy(rounds, (r) => r.ratio);
  const ratios = rounds.map((r) => r.ratio);
  const floors = rounds.map((r) => r.floor?.ratio ?? 0);
  console.log(
    `   median throughput_ratio ${instant.ratio} (rounds: ${ratios.join(", ")}); activity-log floor ${median(floors)} (rounds: ${floors.join(", ")})`,
  );
  const budget = cpuBudget(instant);
  console.log(
    `   CPU: the sender, the sandbox and PostgreSQL share this machine's ${availableParallelism()} cores, so records/s follow each phase's CPU per record in all:` +
      ` raw ${Math.round(budget.raw)} µs, floor ${Math.round(budget.floor)} µs, engine ${Math.round(budget.engine)} µs (ratios by CPU: floor ${round(budget.raw / budget.floor)}, engine ${round(budget.raw / budget.engine)}).` +
      ` For 0.8, with the sandbox and PostgreSQL doing no more than in the floor phase, the worker could use at most ${Math.round(budget.workerForGoal)} µs per record:` +
      ` the raw loop alone uses ${Math.round(instant.raw.client)}, with the activity log ${Math.round(instant.floor?.cpu.client ?? Number.NaN)}; the worker ${Math.round(instant.engine.client)}.`,
  );
  // Intercom answers in tens of milliseconds, not microseconds: the same comparison with 50 ms.
  const records = Math.min(OVERHEAD_RECORDS, 4_000);
  console.log(`   … and ${records} calls with the sandbox answering after 50 ms, as a real API does`);
  const latent = await compareWithRaw(stack, records, 50, "latency", false);
  return {
    throughput_ratio: instant.ratio,
    throughput_ratio_min: Math.min(...ratios),
    throughput_ratio_max: Math.max(...ratios),
    engine_records_per_s: instant.engineRate,
    raw_records_per_s: instant.rawRate,
    worker_cpu_us_per_record: Math.round(instant.engine.client),
    raw_loop_cpu_us_per_record: Math.round(instant.raw.client),
    // Steadier than the records/s ratios when the VM's neighbours steal CPU from one phase and not another.
    throughput_ratio_by_cpu: round(budget.raw / budget.engine),
    activity_log_floor_ratio_by_cpu: round(budget.raw / budget.floor),
    // The engine against the raw loop that keeps every answer (issue 17's goal: ≥ 0.8).
    engine_vs_floor_by_cpu: round(budget.floor / budget.engine),
    raw_machine_cpu_us_per_record: Math.round(budget.raw),
    engine_machine_cpu_us_per_record: Math.round(budget.engine),
    worker_cpu_us_per_record_for_goal: Math.round(budget.workerForGoal),
    activity_log_floor_ratio: median(floors),
    throughput_ratio_50ms_latency: latent.ratio,
    engine_records_per_s_50ms_latency: latent.engineRate,
    raw_records_per_s_50ms_latency: latent.rawRate,
    concurrency: CONCURRENCY,
    rounds: OVERHEAD_ROUNDS,
  };
}

/**
 * Machine-wide CPU per record of each phase. With every process on the same few cores, throughput
 * follows it. `workerForGoal` is what would be left for the worker at throughput_ratio 0.8 once the
 * sandbox and PostgreSQL had what they used in the floor phase: answering, and storing each answer.
 */
function cpuBudget(run: OverheadRun) {
  const raw = machineCpu(run.raw);
  const others = run.floor?.cpu ?? run.engine;
  return {
    raw,
    floor: run.floor ? machineCpu(run.floor.cpu) : Number.NaN,
    engine: machineCpu(run.engine),
    workerForGoal: raw / 0.8 - others.sandbox - others.postgres,
  };
}

async function benchBudget(stack: BenchStack): Promise<Record<string, number>> {
  const budget = 500;
  console.log(
    `\n2. budget: 2 workers, 3 destinations, one credential, sandbox budget ${budget}/10 s, ${BUDGET_SECONDS} s`,
  );
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
    for (let i = 0; i < 2; i++)
      workers.push(
        await startWorkerProcess(stack, sandbox.url, { FLOWGATE_DELIVERY_CONCURRENCY: String(CONCURRENCY) }),
      );
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
    console.log(
      `   ${accepted} calls accepted in ${windows} windows of ${budget}: budget_utilization ${round(utilization, 3)} (goal ≥ 0.95)`,
    );
    console.log(`   ${limited} of ${calls.length} calls answered 429: ${round(share * 100, 2)}% (goal ≤ 1%)`);
    console.log(
      `   including the partial window before the first full one: ${limitedOverall} 429s in ${all.length} calls`,
    );
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
    const worker = await startWorkerProcess(stack, sandbox.url, {
      FLOWGATE_DELIVERY_CONCURRENCY: String(CONCURRENCY),
      FLOWGATE_DELIVERY_BULK_POLL_MS: "25",
    });
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
      if (contacts !== MEMORY_RECORDS)
        throw new Error(`the sandbox holds ${contacts} contacts, expected ${MEMORY_RECORDS}`);
      console.log(
        `   ${Math.round(ms / 1000)} s, ${Math.round(rate)} records/s; worker peak RSS ${peak} MB (at start ${startRss} MB; goal ≤ 300 MB)`,
      );
      return { worker_peak_rss_mb: peak, records_per_s: Math.round(rate), seconds: Math.round(ms / 1000) };
    } finally {
      await worker.stop();
    }
  } finally {
    await sandbox.stop();
  }
}

async function main(): Promise<void> {
  const wanted = new Set(
    process.argv.slice(2).length > 0 ? process.argv.slice(2) : ["overhead", "budget", "memory", "fill", "fairness"],
  );
  const stack = await startBenchStack();
  const figures: Record<string, Record<string, number>> = {};
  try {
    if (wanted.has("overhead")) figures.overhead = await benchOverhead(stack);
    if (wanted.has("budget")) figures.budget = await benchBudget(stack);
    if (wanted.has("memory")) figures.memory = await benchMemory(stack);
    if (wanted.has("fill")) {
      figures.budget_fill_200ms = await benchBudgetFill(stack, 200);
      figures.budget_fill_500ms = await benchBudgetFill(stack, 500);
    }
    if (wanted.has("fairness")) figures.budget_fairness = await benchBudgetFairness(stack);
  } finally {
    await closeQueues();
    await stack.stop();
  }
  const goals = {
    // Issue 17 retired throughput_ratio ≥ 0.8 (out of reach on a 2-core machine for any engine that keeps
    // every answer): the engine is measured against the floor instead, and must not fall below 0.45 of the raw loop.
    ...(figures.overhead
      ? {
          throughput_ratio_by_cpu_ge_0_45: figures.overhead.throughput_ratio_by_cpu! >= 0.45,
          engine_vs_floor_by_cpu_ge_0_8: figures.overhead.engine_vs_floor_by_cpu! >= 0.8,
        }
      : {}),
    ...(figures.budget
      ? {
          budget_utilization_ge_0_95: figures.budget.budget_utilization! >= 0.95,
          rate_limited_le_1pct: figures.budget.rate_limited_share! <= 0.01,
        }
      : {}),
    ...(figures.memory ? { worker_peak_rss_le_300mb: figures.memory.worker_peak_rss_mb! <= 300 } : {}),
    ...Object.fromEntries(
      (["budget_fill_200ms", "budget_fill_500ms"] as const)
        .filter((name) => figures[name])
        .flatMap((name) => [
          [`${name}_ge_0_95`, figures[name]!.fill! >= 0.95],
          [`${name}_rate_limited_le_0_01`, figures[name]!.rate_limited_ratio! <= 0.01],
        ]),
    ),
    ...(figures.budget_fairness
      ? {
          budget_fairness_ge_0_8: figures.budget_fairness.fairness! >= 0.8,
          budget_fairness_total_use_ge_0_95: figures.budget_fairness.total_use! >= 0.95,
        }
      : {}),
  };
  console.log(JSON.stringify({ delivery: figures, goals }));
}

await main();
// lib/queue's producer connection is shared and outlives closeQueues(); nothing else is pending.
process.exit(0);
