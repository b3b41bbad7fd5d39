// The delivery benchmark's budget phase (bench/delivery.ts): 2 workers, 3 destinations on one
// credential whose sandbox budget is lower than Flowgate's default → budget_utilization, 429s.
import { activateDestination } from "@/lib/delivery/destination-lifecycle";
import {
  type BenchStack,
  CONCURRENCY,
  sandboxApp,
  sandboxAppId,
  sandboxRequests,
  seedCredential,
  seedDestination,
  seedNexset,
  startSandboxProcess,
  startWorkerProcess,
} from "./delivery-support";
import { round } from "./stats";

const BUDGET_SECONDS = Number(process.env.BENCH_BUDGET_SECONDS ?? 60);

export async function benchBudget(stack: BenchStack): Promise<Record<string, number>> {
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
