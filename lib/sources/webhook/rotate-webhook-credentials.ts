import { encryptSecret, secretContextFor } from "@/lib/crypto/secrets";
import type { Db } from "@/lib/db/client";
import { DomainError, notFound } from "@/lib/errors";
import { generateWebhookSecret } from "./webhook-signature";
import { generateWebhookToken, hashWebhookToken, webhookPath } from "./webhook-token";

async function findWebhookSource(db: Db, organisationId: string, sourceId: string): Promise<void> {
  const source = await db.source.findFirst({ where: { id: sourceId, organisationId }, select: { kind: true } });
  if (!source) throw notFound("Source");
  if (source.kind !== "webhook" && source.kind !== "response_webhook") {
    throw new DomainError("wrong_source_kind", "Only webhook sources have a webhook URL", { status: 409 });
  }
}

/** A new URL token; the old URL stops working at once. */
export async function rotateWebhookToken(
  db: Db,
  organisationId: string,
  sourceId: string,
): Promise<{ token: string; path: string }> {
  await findWebhookSource(db, organisationId, sourceId);
  const token = generateWebhookToken();
  await db.source.update({ where: { id: sourceId }, data: { webhookTokenHash: hashWebhookToken(token) } });
  return { token, path: webhookPath(token) };
}

/** Turns signing on (or replaces the secret); unsigned calls are refused from now on. */
export async function rotateWebhookSecret(
  db: Db,
  organisationId: string,
  sourceId: string,
): Promise<{ secret: string }> {
  await findWebhookSource(db, organisationId, sourceId);
  const secret = generateWebhookSecret();
  const webhookSecretCipher = encryptSecret(
    secret,
    secretContextFor("source.webhook_secret", { id: sourceId, organisationId }),
  );
  await db.source.update({ where: { id: sourceId }, data: { webhookSecretCipher } });
  return { secret };
}

/** Turns signing off: any call with the URL token is accepted again. */
export async function removeWebhookSecret(db: Db, organisationId: string, sourceId: string): Promise<void> {
  await findWebhookSource(db, organisationId, sourceId);
  await db.source.update({ where: { id: sourceId }, data: { webhookSecretCipher: null } });
}
