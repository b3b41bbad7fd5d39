import { readLimitedBody, type RequestBody } from "@/lib/api/read-limited-body";
import { decryptSecret, secretContextFor } from "@/lib/crypto/secrets";
import type { Db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { throttleWebhookSource } from "@/lib/throttle/request-limits";
import { formatBytes } from "../file/byte-stream";
import { announceRecordsAppended } from "../announce-records";
import { webhookConfigSchema } from "../schemas";
import { parseWebhookRecords } from "./parse-webhook-records";
import { appendOnce, earlierOutcome, messageKeyOf, type WebhookOutcome } from "./webhook-idempotency";
import { readHeader, verifyWebhookSignature, type HeaderSource } from "./webhook-signature";
import { hashWebhookToken, looksLikeWebhookToken } from "./webhook-token";

export interface IngestWebhookInput {
  db: Db;
  token: string;
  headers: HeaderSource;
  /** The raw body: bytes, text, or the request's stream (read only after the token is known). */
  rawBody: RequestBody;
  now?: Date;
}

export type IngestWebhookResult = WebhookOutcome;

// The same answer for an unknown and a malformed token: the URL gives nothing away.
const unknownWebhook = () => new DomainError("unauthorized", "Unknown webhook URL", { status: 401 });

const payloadTooLarge = (limit: number) =>
  new DomainError("payload_too_large", `The body is larger than this webhook's ${formatBytes(limit)} limit`, {
    status: 413,
  });

async function findSourceByToken(db: Db, token: string) {
  if (!looksLikeWebhookToken(token)) throw unknownWebhook();
  const source = await db.source.findUnique({
    where: { webhookTokenHash: hashWebhookToken(token) },
    select: {
      id: true,
      organisationId: true,
      kind: true,
      config: true,
      webhookSecretCipher: true,
      nexset: { select: { id: true } },
    },
  });
  if (!source?.nexset || (source.kind !== "webhook" && source.kind !== "response_webhook")) throw unknownWebhook();
  return { ...source, nexsetId: source.nexset.id };
}

/**
 * One POST to a webhook source: token → rate limit → size limit → signature → repeat? → JSON →
 * records, appended in one transaction. Any refusal (401, 413, 429, 400) stores nothing; a repeat
 * of an earlier call (same webhook-id / Idempotency-Key) answers that call's result.
 */
export async function ingestWebhook(input: IngestWebhookInput): Promise<IngestWebhookResult> {
  const source = await findSourceByToken(input.db, input.token);
  await throttleWebhookSource(source.id);
  const { maxBodyBytes } = webhookConfigSchema.parse(source.config ?? {});
  const declared = Number(readHeader(input.headers, "content-length"));
  if (Number.isFinite(declared) && declared > maxBodyBytes) throw payloadTooLarge(maxBodyBytes);
  const body = await readLimitedBody(input.rawBody, maxBodyBytes, payloadTooLarge);
  if (source.webhookSecretCipher) {
    verifyWebhookSignature({
      secret: decryptSecret(source.webhookSecretCipher, secretContextFor("source.webhook_secret", source)),
      headers: input.headers,
      body,
      now: input.now,
    });
  }
  const messageId = messageKeyOf(input.headers, Boolean(source.webhookSecretCipher));
  const earlier = messageId ? await earlierOutcome(input.db, source.id, messageId) : null;
  if (earlier) return earlier;
  const records = parseWebhookRecords(body);
  if (records.length === 0) return { added: 0 };
  const outcome = await appendOnce(input.db, { sourceId: source.id, nexsetId: source.nexsetId, messageId }, records);
  await announceRecordsAppended(input.db, source.nexsetId);
  return outcome;
}
