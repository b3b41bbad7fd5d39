import type { Db } from "@/lib/db/client";
import { notFound, parseInput } from "@/lib/errors";
import type { JsonRecord } from "./append-records";
import { DEFAULT_SAMPLE_COUNT, readFirstRecords } from "./get-sample-records";
import { nexsetSchemaSchema } from "./infer-schema";
import { nexsetViewQuerySchema, type NexsetView } from "./schemas";

/**
 * Records are numbered 1..recordCount without gaps, so a page is a seq range on the unique index.
 * Never past recordCount: records above it belong to an upload still loading (staged-load.ts).
 */
function seqRange(total: number, page: number, pageSize: number, order: "asc" | "desc"): { gte: number; lte: number } {
  if (order === "asc") return { gte: (page - 1) * pageSize + 1, lte: Math.min(page * pageSize, total) };
  return { gte: total - page * pageSize + 1, lte: total - (page - 1) * pageSize };
}

/**
 * The Nexset view: inferred attributes (types, null counts), a page of records, the sample
 * records, and where the records came from. Another organisation's Nexset is not found.
 */
export async function getNexsetView(
  db: Db,
  organisationId: string,
  nexsetId: string,
  query: unknown = {},
): Promise<NexsetView> {
  const { page, pageSize, order } = parseInput(nexsetViewQuerySchema, query);
  const nexset = await db.nexset.findFirst({
    where: { id: nexsetId, organisationId },
    select: {
      id: true,
      name: true,
      createdAt: true,
      updatedAt: true,
      recordCount: true,
      schema: true,
      _count: { select: { destinations: true } },
      source: {
        select: {
          id: true,
          kind: true,
          name: true,
          flowId: true,
          originDestination: { select: { id: true, name: true } },
        },
      },
    },
  });
  if (!nexset) throw notFound("Nexset");
  const total = nexset.recordCount;
  const rows = await db.nexsetRecord.findMany({
    where: { nexsetId, seq: seqRange(total, page, pageSize, order) },
    orderBy: { seq: order },
    select: { seq: true, data: true, createdAt: true },
  });
  const records = rows.map((row) => ({ ...row, data: row.data as JsonRecord }));
  const samples =
    order === "asc" && page === 1 && pageSize >= DEFAULT_SAMPLE_COUNT
      ? records.slice(0, DEFAULT_SAMPLE_COUNT).map((r) => r.data)
      : await readFirstRecords(db, nexsetId, Math.min(DEFAULT_SAMPLE_COUNT, total));
  const attributes = nexsetSchemaSchema.safeParse(nexset.schema);
  return {
    id: nexset.id,
    name: nexset.name,
    createdAt: nexset.createdAt,
    updatedAt: nexset.updatedAt,
    attributes: attributes.success ? attributes.data.attributes : [],
    attributesTruncated: attributes.success && attributes.data.truncated,
    total,
    page,
    pageSize,
    pageCount: Math.ceil(total / pageSize),
    records,
    samples,
    origin: {
      sourceId: nexset.source.id,
      kind: nexset.source.kind,
      name: nexset.source.name,
      flowId: nexset.source.flowId,
      originDestination: nexset.source.originDestination,
    },
    destinationCount: nexset._count.destinations,
  };
}
