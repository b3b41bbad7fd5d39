import { z } from "zod";
import { int8IdSchema } from "@/lib/api/int8-id";
import type { Db } from "@/lib/db/client";
import { notFound, parseInput } from "@/lib/errors";
import { RECORD_OUTCOMES } from "./record-outcomes";

// The destination's activity log: every call (delivery, replay, test), newest first, with the
// request (token masked), the response, latency and the config version it was built with.

export const CALL_OUTCOMES = ["success", "retry", "rate_limited", "permanent", "conflict"] as const;
export const CALL_KINDS = ["delivery", "replay", "test"] as const;

export const listDeliveryCallsSchema = z.object({
  outcome: z.enum(CALL_OUTCOMES).optional(),
  kind: z.enum(CALL_KINDS).optional(),
  /** What came of the record: a sync operation's outcome, or "exists_not_updated" (a plain create answered 409). */
  recordOutcome: z.enum(RECORD_OUTCOMES).optional(),
  /** The id of the last call of the previous page. */
  cursor: int8IdSchema("cursor must be a call id").optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type ListDeliveryCallsInput = z.input<typeof listDeliveryCallsSchema>;

/** One call as the activity log lists it (no bodies or headers). */
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
  /** Sync operations: the step of the record's sequence, and on its concluding call the record's outcome. */
  syncStep: string | null;
  recordOutcome: string | null;
}

/** One call in full: the summary's fields plus the request and response as sent and received. */
export interface DeliveryCallView extends DeliveryCallSummary {
  requestHeaders: unknown;
  requestBody: string | null;
  responseHeaders: unknown;
  responseBody: string | null;
}

/** The shared part of every activity-log page: input, ownership, filters, newest first, one extra row to see if more follow. */
export async function callPageQuery(
  db: Db,
  organisationId: string,
  destinationId: string,
  input: ListDeliveryCallsInput,
) {
  const query = parseInput(listDeliveryCallsSchema, input);
  const destination = await db.destination.findFirst({
    where: { id: destinationId, organisationId },
    select: { id: true },
  });
  if (!destination) throw notFound("Destination");
  return {
    limit: query.limit,
    args: {
      where: {
        organisationId,
        destinationId,
        ...(query.outcome ? { outcome: query.outcome } : {}),
        ...(query.kind ? { kind: query.kind } : {}),
        ...(query.recordOutcome === "exists_not_updated"
          ? { outcome: "conflict", syncStep: null }
          : query.recordOutcome
            ? { recordOutcome: query.recordOutcome }
            : {}),
        ...(query.cursor ? { id: { lt: BigInt(query.cursor) } } : {}),
      },
      orderBy: { id: "desc" as const },
      take: query.limit + 1,
    },
  };
}

/** Cuts the extra row off and names the cursor of the next page. */
export function toCallPage<R extends { id: bigint }, V>(
  rows: R[],
  limit: number,
  view: (row: R) => V,
): { items: V[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  return { items: page.map(view), nextCursor: rows.length > limit ? String(page.at(-1)!.id) : null };
}

export async function listDeliveryCalls(
  db: Db,
  organisationId: string,
  destinationId: string,
  input: ListDeliveryCallsInput = {},
): Promise<{ items: DeliveryCallView[]; nextCursor: string | null }> {
  const { args, limit } = await callPageQuery(db, organisationId, destinationId, input);
  const rows = await db.deliveryCall.findMany(args);
  return toCallPage(rows, limit, ({ id, organisationId: _o, destinationId: _d, ...rest }) => ({
    id: String(id),
    ...rest,
  }));
}
