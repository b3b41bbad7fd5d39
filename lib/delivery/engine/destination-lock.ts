import { createHash } from "node:crypto";
import pg from "pg";
import type { Db } from "@/lib/db/client";

// Only one delivery may run per destination at a time, across every worker process. A session
// advisory lock in PostgreSQL says who: it is held on a dedicated connection, so when a worker
// dies (even kill -9) the connection drops and PostgreSQL releases the lock at once, and the
// claims it left in flight are known to be orphaned. Redis is not trusted with this: it may be wiped.

export type LockPurpose = "deliver" | "replay";

const KEEPALIVE_DELAY_MS = 5_000;

/**
 * A run that holds the lock takes the destination's next fencing token. The lock alone is not
 * enough: if its connection drops, another worker may take the lock while this run still has
 * commits on their way. Journal commits carry the token (delivery-sql.ts) and write nothing once a
 * later run has taken another, so of two runs only the latest one commits.
 */
export async function takeRunFence(db: Db, destinationId: string): Promise<number> {
  const rows = await db.$queryRaw<{ runFence: number }[]>`
    UPDATE "Destination" SET "runFence" = "runFence" + 1 WHERE "id" = ${destinationId} RETURNING "runFence"`;
  return rows[0]?.runFence ?? 0;
}

/** 63-bit key per destination and purpose (positive, so pg_locks shows it as classid/objid halves). */
export function destinationLockKey(destinationId: string, purpose: LockPurpose = "deliver"): bigint {
  const digest = createHash("sha256").update(`flowgate:${purpose}:${destinationId}`).digest();
  return digest.readBigUInt64BE(0) & 0x7fff_ffff_ffff_ffffn;
}

export interface DestinationLease {
  /** False once the lock connection dropped: the lock may belong to someone else now. */
  valid(): boolean;
  release(): Promise<void>;
}

export class DestinationLocks {
  private client: pg.Client | undefined;
  private connecting: Promise<pg.Client> | undefined;
  private generation = 0;
  private readonly held = new Set<string>();

  constructor(private readonly databaseUrl: string) {}

  /** Tries for the lock every 200 ms until it is taken, `waitMs` passed or `stop` aborted. */
  async lockWithin(destinationId: string, waitMs: number, stop: AbortSignal): Promise<DestinationLease | null> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const lease = await this.tryLock(destinationId);
      if (lease || Date.now() >= deadline || stop.aborted) return lease;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  async tryLock(destinationId: string, purpose: LockPurpose = "deliver"): Promise<DestinationLease | null> {
    const name = `${purpose}:${destinationId}`;
    // Session locks are re-entrant in PostgreSQL; within this process one holder is enough.
    if (this.held.has(name)) return null;
    this.held.add(name);
    let client: pg.Client;
    let locked = false;
    const key = destinationLockKey(destinationId, purpose).toString();
    try {
      client = await this.connection();
      const result = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1::bigint) AS locked", [
        key,
      ]);
      locked = result.rows[0]?.locked === true;
    } finally {
      if (!locked) this.held.delete(name);
    }
    if (!locked) return null;
    const generation = this.generation;
    let released = false;
    return {
      valid: () => !released && generation === this.generation,
      release: async () => {
        if (released) return;
        released = true;
        this.held.delete(name);
        if (generation !== this.generation || this.client !== client) return;
        await client.query("SELECT pg_advisory_unlock($1::bigint)", [key]).catch(() => undefined);
      },
    };
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.generation++;
    this.held.clear();
    await client?.end().catch(() => undefined);
  }

  private connection(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= (async () => {
      // TCP keepalive: a PostgreSQL that vanished without closing the connection (a host gone, a
      // network cut) is noticed, the lock counted as lost, and runs stop before their next commit.
      const client = new pg.Client({
        connectionString: this.databaseUrl,
        application_name: "flowgate-delivery-locks",
        keepAlive: true,
        keepAliveInitialDelayMillis: KEEPALIVE_DELAY_MS,
      });
      const lose = () => {
        if (this.client !== client) return;
        this.client = undefined;
        this.generation++;
        this.held.clear();
      };
      client.on("error", lose);
      client.on("end", lose);
      try {
        await client.connect();
      } catch (error) {
        this.connecting = undefined;
        throw error;
      }
      this.client = client;
      this.connecting = undefined;
      return client;
    })();
    return this.connecting;
  }
}

/** Whether any session holds the destination's lock (read from pg_locks; takes nothing). */
export async function isDeliveryRunning(db: Db, destinationId: string): Promise<boolean> {
  const key = destinationLockKey(destinationId);
  const classid = Number(key >> 32n);
  const objid = Number(key & 0xffff_ffffn);
  const rows = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM pg_locks
    WHERE locktype = 'advisory' AND granted AND objsubid = 1
      AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
      AND classid = ${classid}::bigint::oid AND objid = ${objid}::bigint::oid`;
  return (rows[0]?.n ?? 0) > 0;
}
