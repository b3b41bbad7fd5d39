import { createHash } from "node:crypto";
import { z } from "zod";
import { int8IdSchema } from "@/lib/api/int8-id";
import type { Db } from "@/lib/db/client";
import { notFound, parseInput } from "@/lib/errors";
import { queue } from "@/lib/queue/queues";
import { REPLAY_JOB } from "./enqueue-delivery";

// Records Intercom refused (or that could not be built) wait here with the reason, until the
// user replays them (after fixing the destination) or discards them.

export const ERROR_RECORD_STATUSES = ["open", "replayed", "discarded"] as const;

/** One, a selection, or all of a destination's open error records. */
export const errorSelectionSchema = z.union([
  z.object({
    ids: z.array(int8IdSchema("Error record ids are numbers")).min(1).max(10_000),
  }),
  z.object({ all: z.literal(true) }),
]);
export type ErrorSelection = z.infer<typeof errorSelectionSchema>;

export const listErrorRecordsSchema = z.object({
  status: z.enum(ERROR_RECORD_STATUSES).optional(),
  /** The id of the last row of the previous page (newest first). */
  cursor: int8IdSchema("cursor must be an error record id").optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListErrorRecordsInput = z.input<typeof listErrorRecordsSchema>;

export interface ErrorRecordView {
  id: string;
  firstSeq: number;
  lastSeq: number;
  reason: string;
  configVersion: number;
  requestMethod: string | null;
  requestUrl: string | null;
  requestBody: string | null;
  responseStatus: number | null;
  responseBody: string | null;
  status: string;
  createdAt: Date;
  resolvedAt: Date | null;
}

async function assertDestination(db: Db, organisationId: string, destinationId: string): Promise<void> {
  const found = await db.destination.findFirst({ where: { id: destinationId, organisationId }, select: { id: true } });
  if (!found) throw notFound("Destination");
}

export async function listErrorRecords(
  db: Db,
  organisationId: string,
  destinationId: string,
  input: ListErrorRecordsInput = {},
): Promise<{ items: ErrorRecordView[]; nextCursor: string | null }> {
  const query = parseInput(listErrorRecordsSchema, input);
  await assertDestination(db, organisationId, destinationId);
  const rows = await db.errorRecord.findMany({
    where: {
      organisationId,
      destinationId,
      ...(query.status ? { status: query.status } : {}),
      ...(query.cursor ? { id: { lt: BigInt(query.cursor) } } : {}),
    },
    orderBy: { id: "desc" },
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const items = page.map(({ id, organisationId: _o, destinationId: _d, ...rest }) => ({ id: String(id), ...rest }));
  return { items, nextCursor: rows.length > query.limit ? String(page.at(-1)!.id) : null };
}

function selectionWhere(organisationId: string, destinationId: string, selection: ErrorSelection) {
  return {
    organisationId,
    destinationId,
    status: "open",
    ...("ids" in selection ? { id: { in: selection.ids.map((id) => BigInt(id)) } } : {}),
  };
}

/** Marks the selected open error records discarded; returns how many changed. */
export async function discardErrorRecords(
  db: Db,
  organisationId: string,
  destinationId: string,
  selection: unknown,
): Promise<number> {
  const parsed = parseInput(errorSelectionSchema, selection);
  await assertDestination(db, organisationId, destinationId);
  const result = await db.errorRecord.updateMany({
    where: selectionWhere(organisationId, destinationId, parsed),
    data: { status: "discarded", resolvedAt: new Date() },
  });
  return result.count;
}

/** How many open records the selection covers (what a replay would re-send). */
export async function countSelectedErrorRecords(
  db: Db,
  organisationId: string,
  destinationId: string,
  selection: ErrorSelection,
): Promise<number> {
  return db.errorRecord.count({ where: selectionWhere(organisationId, destinationId, selection) });
}

/**
 * Queues a replay of the selected open error records: a worker re-sends them with the
 * destination's CURRENT settings. Returns how many were queued (0: nothing open matched).
 */
export async function requestErrorReplay(
  db: Db,
  organisationId: string,
  destinationId: string,
  selection: unknown,
): Promise<{ queued: number }> {
  const parsed = parseInput(errorSelectionSchema, selection);
  await assertDestination(db, organisationId, destinationId);
  const queued = await countSelectedErrorRecords(db, organisationId, destinationId, parsed);
  if (queued === 0) return { queued };
  await queue("delivery").add(
    REPLAY_JOB,
    { organisationId, destinationId, ...parsed },
    {
      jobId: replayJobId(destinationId, parsed),
      attempts: 5,
      backoff: { type: "exponential", delay: 2_000 },
      removeOnComplete: true,
      removeOnFail: true,
    },
  );
  return { queued };
}

/** The same selection asked twice while queued is one job. */
export function replayJobId(destinationId: string, selection: ErrorSelection): string {
  const what =
    "ids" in selection
      ? createHash("sha256")
          .update([...selection.ids].sort().join(","))
          .digest("hex")
          .slice(0, 16)
      : "all";
  return `replay-${destinationId}-${what}`;
}
