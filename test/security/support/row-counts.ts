import type { Db } from "@/lib/db/client";

// Row counts of every table in the database, in one query, to prove a refused request wrote nothing.

export async function countAllRows(db: Db): Promise<Record<string, number>> {
  const tables = await db.$queryRaw<{ table_name: string }[]>`
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY table_name`;
  const sql = tables
    .map(
      ({ table_name }) => `SELECT '${table_name}' AS t, count(*)::int AS n FROM "${table_name.replaceAll('"', '""')}"`,
    )
    .join(" UNION ALL ");
  const rows = await db.$queryRawUnsafe<{ t: string; n: number }[]>(sql);
  return Object.fromEntries(rows.map((r) => [r.t, r.n]));
}
