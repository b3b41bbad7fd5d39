import { activateDestination } from "@/lib/delivery/destination-lifecycle";
import {
  type BenchStack,
  sandboxAdmin,
  sandboxApp,
  seedCredential,
  seedDestination,
  seedNexset,
  startSandboxProcess,
  startWorkerProcess,
  waitForDelivered,
} from "./delivery-support";

// Does a destination fill its credential's budget when Intercom takes its time to answer (issue 17)?
//   budget_fill_<latency>: one destination, single-record calls, Intercom's default budget (1,666 per
//     10 s), the sandbox answering after 200 / 500 ms → accepted calls per whole window ÷ the budget
//     (goal ≥ 0.95), rate_limited_ratio (429s ÷ calls, goal ≤ 0.01)
//   budget_fairness: 3 destinations on one credential, 200 ms answers, BENCH_FAIRNESS_SECONDS (60) →
//     the smallest destination's accepted calls ÷ the largest's (goal ≥ 0.8) and the budget used (≥ 0.95)
// Counted from Flowgate's own activity log (every call is a DeliveryCall row, stamped when its answer
// is recorded), in whole 10-second windows aligned to the wall clock as Intercom's and the sandbox's are.

const BUDGET = 1_666;
const WINDOW_MS = 10_000;
const FILL_RECORDS = Number(process.env.BENCH_FILL_RECORDS ?? 20_000);
const FAIRNESS_SECONDS = Number(process.env.BENCH_FAIRNESS_SECONDS ?? 60);
const round = (n: number, digits = 3) => Math.round(n * 10 ** digits) / 10 ** digits;

interface CallCounts {
  accepted: number;
  rateLimited: number;
  calls: number;
}

async function countCalls(stack: BenchStack, destinationId: string, from: number, until: number): Promise<CallCounts> {
  const rows = await stack.db.deliveryCall.groupBy({
    by: ["outcome"],
    where: { destinationId, kind: "delivery", createdAt: { gte: new Date(from), lt: new Date(until) } },
    _count: { _all: true },
  });
  const of = (outcome: string) => rows.find((r) => r.outcome === outcome)?._count._all ?? 0;
  return {
    accepted: of("success") + of("conflict"),
    rateLimited: of("rate_limited"),
    calls: rows.reduce((sum, r) => sum + r._count._all, 0),
  };
}

/** The sandbox answering every call after `latencyMs`. */
function setLatency(sandboxUrl: string, latencyMs: number): Promise<void> {
  return sandboxAdmin(sandboxUrl).setFaults({ latencyMs });
}

export async function benchBudgetFill(stack: BenchStack, latencyMs: number): Promise<Record<string, number>> {
  console.log(
    `\nbudget_fill_${latencyMs}ms: one destination, ${FILL_RECORDS} single-record calls, budget ${BUDGET}/10 s, answers after ${latencyMs} ms`,
  );
  const app = sandboxApp(`fill-${latencyMs}`, BUDGET);
  const sandbox = await startSandboxProcess([app]);
  try {
    await setLatency(sandbox.url, latencyMs);
    const credentialId = await seedCredential(stack, app, null);
    const destinationId = await seedDestination(
      stack,
      await seedNexset(stack, FILL_RECORDS, `fill-${latencyMs}`),
      credentialId,
      {},
    );
    const worker = await startWorkerProcess(stack, sandbox.url);
    try {
      const startedAt = Date.now();
      await activateDestination(stack.db, stack.organisationId, destinationId);
      const ms = await waitForDelivered(stack.db, [destinationId], FILL_RECORDS, 1_800_000);
      const endedAt = startedAt + ms;
      // Whole windows only: the one under way at activation and the one in which the records ran out are partial.
      const from = Math.ceil(startedAt / WINDOW_MS) * WINDOW_MS;
      const windows = Math.max(0, Math.floor((endedAt - from) / WINDOW_MS));
      if (windows === 0) throw new Error("no whole rate-limit window: raise BENCH_FILL_RECORDS");
      const counts = await countCalls(stack, destinationId, from, from + windows * WINDOW_MS);
      const everything = await countCalls(stack, destinationId, 0, Date.now() + 60_000);
      const fill = counts.accepted / (windows * BUDGET);
      const rateLimitedRatio = everything.calls > 0 ? everything.rateLimited / everything.calls : 0;
      console.log(
        `   ${counts.accepted} calls accepted in ${windows} whole windows: ${round(fill)} of the budget (goal ≥ 0.95);` +
          ` all ${FILL_RECORDS} in ${Math.round(ms / 1000)} s (${Math.round(FILL_RECORDS / (ms / 1000))} records/s);` +
          ` ${everything.rateLimited} of ${everything.calls} calls answered 429: rate_limited_ratio ${round(rateLimitedRatio, 4)} (goal ≤ 0.01); worker peak RSS ${worker.peakRssMb()} MB`,
      );
      return {
        fill: round(fill),
        rate_limited_ratio: round(rateLimitedRatio, 4),
        whole_windows: windows,
        records_per_s: Math.round(FILL_RECORDS / (ms / 1000)),
        worker_peak_rss_mb: worker.peakRssMb(),
      };
    } finally {
      await pause(stack, [destinationId]);
      await worker.stop();
    }
  } finally {
    await sandbox.stop();
  }
}

export async function benchBudgetFairness(stack: BenchStack): Promise<Record<string, number>> {
  const latencyMs = 200;
  console.log(
    `\nbudget_fairness: 3 destinations on one credential, budget ${BUDGET}/10 s, answers after ${latencyMs} ms, ${FAIRNESS_SECONDS} s`,
  );
  const app = sandboxApp("fairness", BUDGET);
  const sandbox = await startSandboxProcess([app]);
  const destinationIds: string[] = [];
  try {
    await setLatency(sandbox.url, latencyMs);
    const credentialId = await seedCredential(stack, app, null);
    // Each could use the whole budget alone for the whole run: none runs out of records.
    const records = Math.ceil(BUDGET * (FAIRNESS_SECONDS / 10 + 2));
    for (const tag of ["a", "b", "c"])
      destinationIds.push(
        await seedDestination(stack, await seedNexset(stack, records, `fair-${tag}`), credentialId, {}),
      );
    const worker = await startWorkerProcess(stack, sandbox.url);
    try {
      const startedAt = Date.now();
      for (const id of destinationIds) await activateDestination(stack.db, stack.organisationId, id);
      const from = Math.ceil(startedAt / WINDOW_MS) * WINDOW_MS;
      const until = from + FAIRNESS_SECONDS * 1000;
      await new Promise((resolve) => setTimeout(resolve, until - Date.now() + 1_500));
      const counts = await Promise.all(destinationIds.map((id) => countCalls(stack, id, from, until)));
      const accepted = counts.map((c) => c.accepted);
      const total = accepted.reduce((a, b) => a + b, 0);
      const calls = counts.reduce((sum, c) => sum + c.calls, 0);
      const limited = counts.reduce((sum, c) => sum + c.rateLimited, 0);
      const fairness = Math.min(...accepted) / Math.max(...accepted);
      const use = total / ((FAIRNESS_SECONDS / 10) * BUDGET);
      console.log(
        `   accepted per destination: ${accepted.join(", ")}: smallest ÷ largest ${round(fairness)} (goal ≥ 0.8);` +
          ` ${round(use)} of the budget used (goal ≥ 0.95); ${limited} of ${calls} calls answered 429`,
      );
      return {
        fairness: round(fairness),
        total_use: round(use),
        rate_limited_ratio: calls > 0 ? round(limited / calls, 4) : 0,
      };
    } finally {
      await pause(stack, destinationIds);
      await worker.stop();
    }
  } finally {
    await sandbox.stop();
  }
}

async function pause(stack: BenchStack, destinationIds: string[]): Promise<void> {
  await stack.db.destination.updateMany({ where: { id: { in: destinationIds } }, data: { status: "paused" } });
}
