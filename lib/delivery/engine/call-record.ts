import type { IntercomResult } from "@/lib/connectors/intercom/client";
import type { Db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

// What an API call leaves behind for the activity log: the request as sent with the token
// masked (the client masks it), the response, latency and the outcome it was classified as.

/** Large bodies are cut to this many characters in the activity log and in error records. */
export const BODY_LIMIT = 64 * 1024;

export type CallKind = "delivery" | "replay" | "test";

export interface CallMeta {
  organisationId: string;
  destinationId: string;
  kind: CallKind;
  configVersion: number;
  attempt?: number;
  firstSeq?: number | null;
  lastSeq?: number | null;
  recordCount?: number;
}

export type CallRow = Prisma.DeliveryCallCreateManyInput;

export function truncateBody(body: string | undefined | null, limit = BODY_LIMIT): string | null {
  if (body === undefined || body === null) return null;
  // PostgreSQL text cannot hold U+0000.
  const clean = body.includes("\u0000") ? body.replaceAll("\u0000", "\uFFFD") : body;
  if (clean.length <= limit) return clean;
  return `${clean.slice(0, limit)}… [${clean.length - limit} more characters not kept]`;
}

/** The DeliveryCall row for one answered (or failed) call. */
export function toCallRow(meta: CallMeta, result: IntercomResult, createdAt = new Date()): CallRow {
  const request = result.request;
  return {
    organisationId: meta.organisationId,
    destinationId: meta.destinationId,
    kind: meta.kind,
    firstSeq: meta.firstSeq ?? null,
    lastSeq: meta.lastSeq ?? null,
    recordCount: meta.recordCount ?? 0,
    configVersion: meta.configVersion,
    attempt: meta.attempt ?? 1,
    method: request.method,
    url: request.url,
    requestHeaders: maskAuthorization(request.headers),
    requestBody: truncateBody(request.body),
    responseStatus: result.status ?? null,
    responseHeaders: result.status === undefined ? undefined : result.headers,
    responseBody: result.status === undefined ? null : truncateBody(result.rawBody),
    outcome: result.outcome,
    errorMessage:
      result.errorMessage ??
      (result.outcome === "conflict" && result.existingId ? `Already exists with id ${result.existingId}` : null),
    latencyMs: Math.max(0, Math.round(result.latencyMs)),
    createdAt,
  };
}

// The client already masks the token; this is a second lock on the door in case a header
// carrying credentials arrives under another spelling.
const SECRET_HEADER = /^(authorization|proxy-authorization|cookie|x-api-key)$/i;

export function maskAuthorization(headers: Record<string, string>): Record<string, string> {
  // Headers with nothing left to mask (as the client sends them) are kept as they are, not copied.
  let masked: Record<string, string> | undefined;
  for (const name in headers) {
    if (!SECRET_HEADER.test(name) || headers[name]!.includes("••••")) continue;
    masked ??= { ...headers };
    masked[name] = "••••";
  }
  return masked ?? headers;
}

export interface TestCallInput {
  organisationId: string;
  destinationId: string;
  configVersion: number;
  result: IntercomResult;
  /** Seqs of the sample records the test carried, when they came from the Nexset. */
  firstSeq?: number;
  lastSeq?: number;
  recordCount?: number;
  /** A sync operation's step, and on its concluding call the record's outcome. */
  syncStep?: string;
  recordOutcome?: string;
}

/** Records the wizard's "Send Test" call in the destination's activity log (kind "test"). */
export async function recordTestCall(db: Db, input: TestCallInput): Promise<bigint> {
  const destination = await db.destination.findFirst({
    where: { id: input.destinationId, organisationId: input.organisationId },
    select: { id: true },
  });
  if (!destination) throw notFound("Destination");
  const row = {
    ...toCallRow({ ...input, kind: "test" }, input.result),
    syncStep: input.syncStep ?? null,
    recordOutcome: input.recordOutcome ?? null,
  };
  const created = await db.deliveryCall.create({ data: row, select: { id: true } });
  return created.id;
}
