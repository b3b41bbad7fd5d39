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
import { closeQueues } from "@/lib/queue/queues";
import { benchBudgetFairness, benchBudgetFill } from "./budget-fill";
import { benchBudget } from "./delivery-budget";
import { benchMemory } from "./delivery-memory";
import { benchOverhead } from "./delivery-overhead";
import { startBenchStack } from "./delivery-support";

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
