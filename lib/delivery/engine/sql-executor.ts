import type pg from "pg";
import type { Prisma } from "@/lib/generated/prisma/client";

// The delivery hot path (claims, records, the journal) talks SQL through this small interface:
// node-postgres directly, which costs a fraction of Prisma's per-query CPU, or a Prisma
// transaction when the same commit must also append records with lib/nexsets (response webhook).

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
