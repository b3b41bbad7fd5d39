import type { Db } from "@/lib/db/client";
import { badInput } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { appendRecordsInTx, type JsonRecord } from "@/lib/nexsets/append-records";
import { readHeader, type HeaderSource } from "./webhook-signature";

// A sender retries a call it saw no answer to. Standard Webhooks senders keep the `webhook-id`
// across retries (and sign it, so on a signed source it cannot be forged); others may send an
// `Idempotency-Key`. A repeat is answered with the first call's result and adds nothing. Ids are
// kept far longer than the 5-minute signature tolerance, so a replay inside it is always caught.

export const MESSAGE_RETENTION_SECONDS = 24 * 60 * 60;
const MAX_KEY_LENGTH = 255;

export interface WebhookOutcome {
  added: number;
  firstSeq?: number;
  lastSeq?: number;
}

/**
 * The call's idempotency key: on a signed source its `webhook-id` (covered by the signature); on an
 * unsigned one `Idempotency-Key`, else a `webhook-id` if the sender speaks Standard Webhooks.
 */
export function messageKeyOf(headers: HeaderSource, signed: boolean): string | undefined {
  const idempotencyKey = signed ? undefined : readHeader(headers, "idempotency-key");
  const [name, key] =
    idempotencyKey === undefined
      ? ["webhook-id", readHeader(headers, "webhook-id")]
      : ["Idempotency-Key", idempotencyKey];
  if (key === undefined) return undefined;
  if (key.length === 0 || key.length > MAX_KEY_LENGTH || !/^[\x21-\x7e]+$/.test(key))
    throw badInput(name, `${name} must be 1 to ${MAX_KEY_LENGTH} visible ASCII characters`);
  return key;
}

const outcomeOf = (row: { added: number; firstSeq: number | null; lastSeq: number | null }): WebhookOutcome => ({
  added: row.added,
  ...(row.firstSeq === null ? {} : { firstSeq: row.firstSeq }),
  ...(row.lastSeq === null ? {} : { lastSeq: row.lastSeq }),
});

/** The earlier result of this key on this source, when it is still kept. */
export async function earlierOutcome(db: Db, sourceId: string, messageId: string): Promise<WebhookOutcome | null> {
  const since = new Date(Date.now() - MESSAGE_RETENTION_SECONDS * 1000);
  await db.webhookMessage.deleteMany({ where: { sourceId, createdAt: { lt: since } } });
  const row = await db.webhookMessage.findUnique({ where: { sourceId_messageId: { sourceId, messageId } } });
  return row ? outcomeOf(row) : null;
}

/**
 * Appends the records and remembers the key in one transaction. Two calls with one key at once:
 * the second waits on the first's row, fails its unique key, rolls back, and answers the first's result.
 */
export async function appendOnce(
  db: Db,
  target: { sourceId: string; nexsetId: string; messageId?: string },
  records: readonly JsonRecord[],
): Promise<WebhookOutcome> {
  const { sourceId, nexsetId, messageId } = target;
  try {
    return await db.$transaction(
      async (tx) => {
        const { firstSeq, lastSeq } = await appendRecordsInTx(tx, nexsetId, records);
        if (messageId)
          await tx.webhookMessage.create({ data: { sourceId, messageId, added: records.length, firstSeq, lastSeq } });
        return { added: records.length, firstSeq, lastSeq };
      },
      { timeout: 600_000, maxWait: 30_000 },
    );
  } catch (error) {
    const duplicate = error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
    const earlier = duplicate && messageId ? await earlierOutcome(db, sourceId, messageId) : null;
    if (earlier) return earlier;
    throw error;
  }
}
