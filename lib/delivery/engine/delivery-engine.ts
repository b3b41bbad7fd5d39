import { setMaxListeners } from "node:events";
import type { Redis } from "ioredis";
import pg from "pg";
import { closeIntercomDispatcher } from "@/lib/connectors/intercom/http-agent";
import { createNodeCodeRunner } from "@/lib/code-sandbox/engine-node";
import type { CodeRunner } from "@/lib/code-sandbox/types";
import { type Db, db as processDb } from "@/lib/db/client";
import { type Logger, log as rootLog } from "@/lib/log";
import { BudgetDispenser } from "@/lib/rate-limit/budget-dispenser";
import { createRedis } from "@/lib/redis/connection";
import { type DeliverySettings, loadDeliverySettings } from "./delivery-settings";
import { DestinationLocks } from "./destination-lock";
import { BytePool } from "./claim-sizing";
import { runDestination, type RunResult } from "./destination-run";
import type { ErrorSelection } from "@/lib/delivery/error-records";
import { replayErrorRecords, type ReplaySummary } from "./replay-error-records";

// The delivery side of one worker process: the lock connection, one budget dispenser per
// credential, and every run in progress, so a shutdown can drain them all.

export interface DeliveryEngineOptions {
  db: Db;
  databaseUrl: string;
  /** A worker-role connection (waits out Redis outages instead of failing). */
  redis: Redis;
  settings?: Partial<DeliverySettings>;
  log?: Logger;
  runCode?: CodeRunner;
}

export class DeliveryEngine {
  readonly settings: DeliverySettings;
  private readonly locks: DestinationLocks;
  private readonly pool: pg.Pool;
  private readonly dispensers = new Map<string, BudgetDispenser>();
  private readonly stop = new AbortController();
  private readonly hard = new AbortController();
  private readonly runs = new Set<Promise<RunResult>>();
  private readonly log: Logger;
  private readonly runCode: CodeRunner;
  /** Bytes of records every run of this process holds together (claim-sizing.ts). */
  private readonly bytePool: BytePool;

  constructor(private readonly opts: DeliveryEngineOptions) {
    this.settings = loadDeliverySettings(opts.settings);
    this.bytePool = new BytePool(this.settings.maxBytesInFlight);
    this.locks = new DestinationLocks(opts.databaseUrl);
    // Delivery progress commits without waiting for the WAL flush (synchronous_commit=off). Only a
    // crash of PostgreSQL itself can then lose the last ~0.6 s of progress, and lost progress means
    // those calls are made again (the records are never lost: they are committed durably). Waiting
    // for each flush instead caps delivery at a few commits per disk sync.
    this.pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: 4,
      application_name: "flowgate-delivery",
      options: "-c synchronous_commit=off",
    });
    // An idle client losing its connection must not crash the worker; the pool replaces it.
    this.pool.on("error", (error) => this.log.warn({ err: error.message }, "delivery database connection lost"));
    this.log = (opts.log ?? rootLog).child({ component: "delivery" });
    this.runCode = opts.runCode ?? createNodeCodeRunner();
    // Every call and every wait listens on these; hundreds at once is expected, not a leak.
    setMaxListeners(0, this.stop.signal, this.hard.signal);
  }

  get stopping(): boolean {
    return this.stop.signal.aborted;
  }

  /** Delivers the destination's backlog; returns when caught up, drained, or another process holds it. */
  async runDestination(destinationId: string, lockWaitMs?: number): Promise<RunResult> {
    if (this.stopping) return "drained";
    const run = runDestination(
      destinationId,
      {
        db: this.opts.db,
        pool: this.pool,
        redis: this.opts.redis,
        locks: this.locks,
        settings: this.settings,
        bytePool: this.bytePool,
        log: this.log,
        runCode: this.runCode,
        budgetFor: (credentialId, limit) => this.budgetFor(credentialId, limit),
        stopSignal: this.stop.signal,
        hardSignal: this.hard.signal,
      },
      lockWaitMs,
    );
    this.runs.add(run);
    try {
      return await run;
    } finally {
      this.runs.delete(run);
    }
  }

  /** Re-sends error records with the current settings; one replay per destination at a time. */
  async replayErrors(organisationId: string, destinationId: string, selection: ErrorSelection): Promise<ReplaySummary> {
    const lease = await this.locks.tryLock(destinationId, "replay");
    if (!lease) throw new Error("Another replay of this destination is running; this one will be retried");
    const run = replayErrorRecords(
      {
        db: this.opts.db,
        redis: this.opts.redis,
        settings: this.settings,
        runCode: this.runCode,
        budgetFor: (credentialId, limit) => this.budgetFor(credentialId, limit),
        stopSignal: this.stop.signal,
        hardSignal: this.hard.signal,
      },
      organisationId,
      destinationId,
      selection,
    );
    const tracked = run.then(
      () => "drained" as const,
      () => "drained" as const,
    );
    this.runs.add(tracked);
    try {
      return await run;
    } finally {
      this.runs.delete(tracked);
      await lease.release();
    }
  }

  private budgetFor(credentialId: string, limitPer10s: number): BudgetDispenser {
    let dispenser = this.dispensers.get(credentialId);
    if (!dispenser) {
      dispenser = new BudgetDispenser(this.opts.redis, credentialId, limitPer10s);
      this.dispensers.set(credentialId, dispenser);
    } else dispenser.setLimit(limitPer10s);
    return dispenser;
  }

  /**
   * Graceful stop: no new calls; calls in flight get `shutdownGraceMs` to finish and be recorded,
   * then are cancelled (their claims stay in_flight and are sent again after the restart).
   */
  async shutdown(): Promise<void> {
    this.stop.abort();
    const settled = Promise.allSettled([...this.runs]);
    const graceOver = new Promise<"timeout">((resolve) =>
      setTimeout(() => resolve("timeout"), this.settings.shutdownGraceMs).unref(),
    );
    if ((await Promise.race([settled, graceOver])) === "timeout") {
      this.log.warn({ runs: this.runs.size }, "calls still in flight after the grace period; cancelling them");
      this.hard.abort();
      await Promise.race([settled, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
    }
    for (const dispenser of this.dispensers.values()) dispenser.close();
    await this.locks.close();
    await this.pool.end().catch(() => undefined);
  }
}

const holder = globalThis as unknown as { flowgateDeliveryEngine?: DeliveryEngine; flowgateDeliveryRedis?: Redis };

/** The worker process's engine, from DATABASE_URL and REDIS_URL. */
export function deliveryEngine(): DeliveryEngine {
  if (!holder.flowgateDeliveryEngine) {
    const databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) throw new Error("DATABASE_URL is not set; the delivery engine needs it");
    const redis = createRedis("worker");
    redis.on("error", (error) => rootLog.warn({ err: error.message }, "redis connection error (delivery)"));
    holder.flowgateDeliveryRedis = redis;
    holder.flowgateDeliveryEngine = new DeliveryEngine({ db: processDb(), databaseUrl, redis });
  }
  return holder.flowgateDeliveryEngine;
}

export async function shutdownDeliveryEngine(): Promise<void> {
  const engine = holder.flowgateDeliveryEngine;
  const redis = holder.flowgateDeliveryRedis;
  holder.flowgateDeliveryEngine = undefined;
  holder.flowgateDeliveryRedis = undefined;
  await engine?.shutdown();
  redis?.disconnect();
  await closeIntercomDispatcher();
}
