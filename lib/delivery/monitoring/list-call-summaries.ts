import type { Db } from "@/lib/db/client";
import { callPageQuery, type DeliveryCallSummary, type ListDeliveryCallsInput, toCallPage } from "./activity-log";

// The activity log's list view: the same filters and cursor as listDeliveryCalls, but without the
// request and response bodies and headers (up to 64 KiB each), since the page polls this list
// every few seconds. One call in full comes from getDeliveryCall.

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
  syncStep: true,
  recordOutcome: true,
} as const;

/** Calls newest first, filtered by outcome and kind, a page at a time. */
export async function listCallSummaries(
  db: Db,
  organisationId: string,
  destinationId: string,
  input: ListDeliveryCallsInput = {},
): Promise<{ items: DeliveryCallSummary[]; nextCursor: string | null }> {
  const { args, limit } = await callPageQuery(db, organisationId, destinationId, input);
  const rows = await db.deliveryCall.findMany({ ...args, select: SUMMARY_COLUMNS });
  return toCallPage(rows, limit, (row) => ({ ...row, id: String(row.id) }));
}
