import type { Redis } from "ioredis";
import { z } from "zod";
import { asViewer, personalToFor, personalToSelect, type ViewerArg } from "@/lib/credentials/visibility";
import type { Db } from "@/lib/db/client";
import { notFound, parseInput } from "@/lib/errors";
import { readBudget } from "@/lib/rate-limit/credential-budget";
import { credentialRateLimit } from "@/lib/rate-limit/rate-limit-settings";
import { doneBeyondCursor } from "@/lib/delivery/engine/done-beyond-cursor";
import { countRecordOutcomes, type RecordOutcomeCounts } from "./record-outcomes";

// Read-only queries behind the destination page's monitoring: progress, per-minute charts,
// the rate-limit budget in use, and the activity log. Every query is scoped by organisation.

export interface DeliveryProgress {
  status: string;
  statusMessage: string | null;
  /** Records in the Nexset. */
  total: number;
  /** Records delivered (processed minus those kept as open or discarded error records). */
  delivered: number;
  /** Records done: delivered or kept as error records (the cursor, and what open claims have done beyond it). */
  processed: number;
  backlog: number;
  /** Open error records, and the records they cover. */
  errorRecords: number;
  errorRecordsRecords: number;
  /** Claims open right now (calls in flight or waiting to be retried). */
  inFlight: number;
  /** Records per outcome: created, updated, … and a plain create's 409 ("exists_not_updated"). */
  outcomes: RecordOutcomeCounts;
}

async function findDestination(db: Db, organisationId: string, destinationId: string) {
  const destination = await db.destination.findFirst({
    where: { id: destinationId, organisationId },
    select: {
      id: true,
      status: true,
      statusMessage: true,
      deliveredThroughSeq: true,
      credentialId: true,
      nexset: { select: { recordCount: true } },
    },
  });
  if (!destination) throw notFound("Destination");
  return destination;
}

export async function getDeliveryProgress(
  db: Db,
  organisationId: string,
  destinationId: string,
): Promise<DeliveryProgress> {
  const destination = await findDestination(db, organisationId, destinationId);
  const [errors, inFlight, beyond, outcomes] = await Promise.all([
    db.$queryRaw<{ status: string; n: number; records: number }[]>`
      SELECT "status", count(*)::int AS n, coalesce(sum("lastSeq" - "firstSeq" + 1), 0)::int AS records
      FROM "ErrorRecord" WHERE "destinationId" = ${destinationId} AND "organisationId" = ${organisationId} AND "status" <> 'replayed'
      GROUP BY "status"`,
    db.deliveryClaim.count({ where: { destinationId, status: "in_flight" } }),
    doneBeyondCursor(db, { destinationId }),
    countRecordOutcomes(db, organisationId, destinationId),
  ]);
  const open = errors.find((e) => e.status === "open");
  const undelivered = errors.reduce((sum, e) => sum + e.records, 0);
  const total = destination.nexset.recordCount;
  const processed = Math.min(destination.deliveredThroughSeq + (beyond.get(destinationId) ?? 0), total);
  return {
    status: destination.status,
    statusMessage: destination.statusMessage,
    total,
    processed,
    delivered: Math.max(0, processed - undelivered),
    backlog: total - processed,
    errorRecords: open?.n ?? 0,
    errorRecordsRecords: open?.records ?? 0,
    inFlight,
    outcomes,
  };
}

export interface MinuteStats {
  /** Start of the minute (UTC). */
  minute: Date;
  calls: number;
  /** Records carried by calls that succeeded (or found the record already there). */
  records: number;
  status2xx: number;
  status4xx: number;
  status5xx: number;
  status429: number;
  /** Calls with no HTTP answer (timeouts, resets). */
  noAnswer: number;
  /** Records concluded in the minute: created, updated, archived or deleted, and a plain create's 409. */
  created: number;
  updated: number;
  removed: number;
  existsNotUpdated: number;
}

export const timelineInputSchema = z.object({
  minutes: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(60),
});

/** Calls, records and outcomes per minute over the last N minutes (oldest first, gaps as zeros). Test sends are left out. */
export async function getDeliveryTimeline(
  db: Db,
  organisationId: string,
  destinationId: string,
  input: z.input<typeof timelineInputSchema> = {},
): Promise<MinuteStats[]> {
  const { minutes } = parseInput(timelineInputSchema, input);
  await findDestination(db, organisationId, destinationId);
  const rows = await db.$queryRaw<(Omit<MinuteStats, "minute"> & { minute: Date })[]>`
    SELECT date_trunc('minute', "createdAt") AS minute,
      count(*)::int AS calls,
      coalesce(sum("recordCount") FILTER (WHERE "outcome" IN ('success', 'conflict')), 0)::int AS records,
      count(*) FILTER (WHERE "responseStatus" BETWEEN 200 AND 299)::int AS "status2xx",
      count(*) FILTER (WHERE "responseStatus" BETWEEN 400 AND 499 AND "responseStatus" <> 429)::int AS "status4xx",
      count(*) FILTER (WHERE "responseStatus" >= 500)::int AS "status5xx",
      count(*) FILTER (WHERE "responseStatus" = 429)::int AS "status429",
      count(*) FILTER (WHERE "responseStatus" IS NULL)::int AS "noAnswer",
      count(*) FILTER (WHERE "recordOutcome" = 'created')::int AS created,
      count(*) FILTER (WHERE "recordOutcome" = 'updated')::int AS updated,
      count(*) FILTER (WHERE "recordOutcome" IN ('archived', 'deleted'))::int AS removed,
      count(*) FILTER (WHERE "outcome" = 'conflict' AND "syncStep" IS NULL)::int AS "existsNotUpdated"
    FROM "DeliveryCall"
    WHERE "destinationId" = ${destinationId} AND "organisationId" = ${organisationId} AND "kind" <> 'test'
      AND "createdAt" >= date_trunc('minute', now() AT TIME ZONE 'UTC') - make_interval(mins => ${minutes - 1})
    GROUP BY 1`;
  const byMinute = new Map(rows.map((row) => [row.minute.getTime(), row]));
  const end = Math.floor(Date.now() / 60_000) * 60_000;
  const series: MinuteStats[] = [];
  for (let t = end - (minutes - 1) * 60_000; t <= end; t += 60_000) {
    const row = byMinute.get(t);
    series.push(
      row
        ? { ...row, minute: new Date(t) }
        : {
            minute: new Date(t),
            calls: 0,
            records: 0,
            status2xx: 0,
            status4xx: 0,
            status5xx: 0,
            status429: 0,
            noAnswer: 0,
            created: 0,
            updated: 0,
            removed: 0,
            existsNotUpdated: 0,
          },
    );
  }
  return series;
}

export interface RateLimitFigures {
  visible: true;
  credentialId: string;
  /** The configured budget per 10-second window. */
  limitPer10s: number;
  /** This window's budget (lowered when Intercom reported less), used and remaining. */
  windowLimit: number;
  used: number;
  remaining: number;
  windowEndsAt: Date | null;
}

/**
 * The budget is the connection's (every destination on it spends it), so a reader who may not see
 * the connection (a colleague's personal one) learns only whose it is: its figures show how busy
 * the creator's other destinations keep it. The destination's own calls stay in its timeline.
 */
export type RateLimitUsage = RateLimitFigures | { visible: false; personalTo: string };

/** The budget of the destination's credential, shared with every destination using it. */
export async function getRateLimitUsage(
  db: Db,
  redis: Redis,
  viewer: ViewerArg,
  destinationId: string,
): Promise<RateLimitUsage> {
  const { organisationId } = asViewer(viewer);
  const destination = await findDestination(db, organisationId, destinationId);
  const credential = await db.credential.findFirst({
    where: { id: destination.credentialId, organisationId },
    select: { id: true, rateLimitPer10s: true, ...personalToSelect },
  });
  if (!credential) throw notFound("Credential");
  const personalTo = personalToFor(viewer, credential);
  if (personalTo !== null) return { visible: false, personalTo };
  const limitPer10s = credentialRateLimit(credential);
  const state = await readBudget(redis, credential.id);
  const windowLimit = state.windowEndsAt ? state.limit : limitPer10s;
  return {
    visible: true,
    credentialId: credential.id,
    limitPer10s,
    windowLimit,
    used: state.used,
    remaining: state.windowEndsAt ? state.remaining : limitPer10s,
    windowEndsAt: state.windowEndsAt ? new Date(state.windowEndsAt) : null,
  };
}
