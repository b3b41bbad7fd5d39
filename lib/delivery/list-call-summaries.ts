import type { Db } from "@/lib/db/client";
import { notFound, parseInput } from "@/lib/errors";
import { type ListDeliveryCallsInput, listDeliveryCallsSchema } from "./activity-log";

// The activity log's list view: the same filters and cursor as listDeliveryCalls, but without the
// request and response bodies and headers (up to 64 KiB each), since the page polls this list
// every few seconds. One call in full comes from getDeliveryCall.

export interface DeliveryCallSummary {
  id: string;
  kind: string;
  outcome: string;
  firstSeq: number | null;
  lastSeq: number | null;
  recordCount: number;
  configVersion: number;
  attempt: number;
  method: string;
  url: string;
  responseStatus: number | null;
  errorMessage: string | null;
  latencyMs: number;
  createdAt: Date;
}

const SUMMARY_COLUMNS = {
  id: true,
  kind: true,
  outcome: true,
  firstSeq: true,
  lastSeq: true,
  recordCount: true,
  configVersion: true,
  attempt: true,
  method: true,
  url: true,
  responseStatus: true,
  errorMessage: true,
  latencyMs: true,
  createdAt: true,
} as const;

/** Calls newest first, filtered by outcome and kind, a page at a time. */
export async function listCallSummaries(
  db: Db,
  organisationId: string,
  destinationId: string,
  input: ListDeliveryCallsInput = {},
): Promise<{ items: DeliveryCallSummary[]; nextCursor: string | null }> {
  const query = parseInput(listDeliveryCallsSchema, input);
  const destination = await db.destination.findFirst({ where: { id: destinationId, organisationId }, select: { id: true } });
  if (!destination) throw notFound("Destination");
  const rows = await db.deliveryCall.findMany({
    where: {
      organisationId,
      destinationId,
      ...(query.outcome ? { outcome: query.outcome } : {}),
      ...(query.kind ? { kind: query.kind } : {}),
      ...(query.cursor ? { id: { lt: BigInt(query.cursor) } } : {}),
    },
    select: SUMMARY_COLUMNS,
    orderBy: { id: "desc" },
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((row) => ({ ...row, id: String(row.id) })),
    nextCursor: rows.length > query.limit ? String(page.at(-1)!.id) : null,
  };
}
