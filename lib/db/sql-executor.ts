import type pg from "pg";
import type { Prisma } from "@/lib/generated/prisma/client";

// SQL through one small interface, so the same code runs on node-postgres (the delivery hot path:
// claims, records, the journal; a fraction of Prisma's per-query CPU) and inside a Prisma
// transaction (code that is not hot, such as a webhook's append).

export interface SqlExecutor {
  /** `name`: a statement run again and again, prepared once per connection where the driver can. */
  execute(sql: string, params: unknown[], name?: string): Promise<number>;
  query<T>(sql: string, params: unknown[], name?: string): Promise<T[]>;
}

export function pgExecutor(client: pg.Pool | pg.PoolClient): SqlExecutor {
  // A named statement is parsed and planned once per connection, not on every call (for the
  // journal's commit, planning cost more PostgreSQL CPU than the rows it writes).
  const run = (text: string, values: unknown[], name?: string) =>
    client.query(name ? { name, text, values } : { text, values });
  return {
    execute: async (sql, params, name) => (await run(sql, params, name)).rowCount ?? 0,
    query: async <T>(sql: string, params: unknown[], name?: string) => (await run(sql, params, name)).rows as T[],
  };
}

/** A Prisma client or transaction (for code paths that are not hot, or that share a Prisma transaction). */
export function prismaExecutor(
  tx: Pick<Prisma.TransactionClient, "$executeRawUnsafe" | "$queryRawUnsafe">,
): SqlExecutor {
  return {
    execute: (sql, params) => tx.$executeRawUnsafe(sql, ...params),
    query: <T>(sql: string, params: unknown[]) => tx.$queryRawUnsafe<T[]>(sql, ...params),
  };
}

/** One step of a transaction: statements run through `sql`; throwing rolls the transaction back. */
export type TransactionStep = (sql: SqlExecutor) => Promise<void>;

/**
 * Runs the steps as ONE transaction on one connection of `pool`, in order. A single step is one
 * statement's worth of work and is its own transaction: it runs without BEGIN/COMMIT, which would
 * cost two more round trips. Any error is thrown; the connection is then closed, which rolls the
 * transaction back.
 */
export async function inTransaction(pool: pg.Pool, steps: readonly TransactionStep[]): Promise<void> {
  if (steps.length === 1) return steps[0]!(pgExecutor(pool));
  await withClient(pool, async (client) => {
    await client.query("BEGIN");
    const sql = pgExecutor(client);
    for (const step of steps) await step(sql);
    await client.query("COMMIT");
  });
}

/**
 * Runs `work` on a connection checked out of `pool` and gives it back. The connection may drop
 * mid-work (PostgreSQL restarting): a checked-out client's 'error' has no other listener, and unheard
 * it would end the process; the work fails instead. A connection whose work failed is closed, not
 * handed to anyone else.
 */
export async function withClient<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const onError = (error: Error) => {
    broken = error;
  };
  client.on("error", onError);
  try {
    return await work(client);
  } catch (error) {
    broken ??= error as Error;
    throw error;
  } finally {
    client.off("error", onError);
    client.release(broken);
  }
}
