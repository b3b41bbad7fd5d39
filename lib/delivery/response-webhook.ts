import type { IntercomResult } from "@/lib/connectors/intercom/client";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { JsonRecord } from "@/lib/nexsets/append-records";
import { createSourceInTx } from "@/lib/sources/create-source";
import { BODY_LIMIT } from "./engine/call-record";

// A destination with the response webhook on owns a Source (kind response_webhook) whose Nexset
// receives one record per API response, so Intercom's answers (ids it created, its errors) can
// feed further destinations. The request's Authorization never goes in: only its method and URL.

export interface ResponseSourceRef {
  sourceId: string;
  nexsetId: string;
}

export interface DestinationForWebhook {
  id: string;
  organisationId: string;
  name: string;
  flowId: string | null;
}

/** Finds or creates the destination's response-webhook source and its Nexset. Safe to call twice at once. */
export async function ensureResponseWebhookSource(
  db: Db,
  destination: DestinationForWebhook,
): Promise<ResponseSourceRef> {
  const existing = await findResponseSource(db, destination.id);
  if (existing) return existing;
  try {
    return await db.$transaction((tx) =>
      createSourceInTx(tx, {
        organisationId: destination.organisationId,
        kind: "response_webhook",
        name: `${destination.name} responses`.slice(0, 200),
        flowId: destination.flowId ?? undefined,
        originDestinationId: destination.id,
      }),
    );
  } catch (error) {
    // Another request created it first (originDestinationId is unique): use theirs.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const created = await findResponseSource(db, destination.id);
      if (created) return created;
    }
    throw error;
  }
}

export async function findResponseSource(db: Db, destinationId: string): Promise<ResponseSourceRef | null> {
  const source = await db.source.findUnique({
    where: { originDestinationId: destinationId },
    select: { id: true, nexset: { select: { id: true } } },
  });
  return source?.nexset ? { sourceId: source.id, nexsetId: source.nexset.id } : null;
}

/** Response headers worth keeping: ids and rate-limit state, never cookies. */
const KEPT_HEADERS =
  /^(content-type|x-request-id|request-id|x-intercom-version|intercom-version|x-ratelimit-limit|x-ratelimit-remaining|x-ratelimit-reset|retry-after|location)$/i;

export interface ResponseRecordInput {
  destinationId: string;
  configVersion: number;
  kind: "delivery" | "replay";
  result: IntercomResult;
  seqs: readonly number[];
  /** The bulk job's final report, for Preview bulk endpoints. */
  job?: unknown;
}

/** The record appended to the response-webhook Nexset for one API response. */
export function buildResponseRecord(input: ResponseRecordInput, now = new Date()): JsonRecord {
  const { result } = input;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(result.headers)) if (KEPT_HEADERS.test(name)) headers[name] = value;
  const body = result.rawBody.length > BODY_LIMIT ? `${result.rawBody.slice(0, BODY_LIMIT)}…` : result.body;
  return stripNul({
    destination_id: input.destinationId,
    config_version: input.configVersion,
    kind: input.kind,
    outcome: result.outcome,
    status: result.status ?? null,
    headers,
    body: body ?? null,
    ...(result.errorMessage ? { error: result.errorMessage } : {}),
    ...(result.existingId ? { existing_id: result.existingId } : {}),
    ...(input.job !== undefined ? { job: input.job } : {}),
    request: { method: result.request.method, url: result.request.url },
    record_seqs: [...input.seqs],
    latency_ms: result.latencyMs,
    responded_at: now.toISOString(),
  });
}

// PostgreSQL's jsonb cannot hold U+0000; an answer containing one must not stop delivery.
function stripNul(record: JsonRecord): JsonRecord {
  const text = JSON.stringify(record);
  return text.includes("\\u0000") ? (JSON.parse(text.replaceAll("\\u0000", "\\uFFFD")) as JsonRecord) : record;
}
