import { encryptSecret, secretContextFor } from "@/lib/crypto/secrets";
import type { Db } from "@/lib/db/client";
import { newRowId } from "@/lib/db/new-row-id";
import { parseInput } from "@/lib/errors";
import { createSourceInTx } from "../create-source";
import { createWebhookSourceSchema, webhookConfigSchema } from "../schemas";
import { generateWebhookSecret } from "./webhook-signature";
import { generateWebhookToken, hashWebhookToken, webhookPath } from "./webhook-token";

export interface CreatedWebhookSource {
  sourceId: string;
  nexsetId: string;
  /** Shown once: only its hash is kept. */
  token: string;
  path: string;
  /** Shown once, when the source requires signatures (whsec_…). */
  secret?: string;
}

export async function createWebhookSource(
  db: Db,
  organisationId: string,
  input: unknown,
): Promise<CreatedWebhookSource> {
  const parsed = parseInput(createWebhookSourceSchema, input);
  const token = generateWebhookToken();
  const secret = parsed.signed ? generateWebhookSecret() : undefined;
  const config = webhookConfigSchema.parse({ maxBodyBytes: parsed.maxBodyBytes });
  const id = newRowId();
  const created = await db.$transaction((tx) =>
    createSourceInTx(tx, {
      id,
      organisationId,
      kind: "webhook",
      name: parsed.name,
      flowId: parsed.flowId,
      config,
      webhookTokenHash: hashWebhookToken(token),
      webhookSecretCipher: secret
        ? encryptSecret(secret, secretContextFor("source.webhook_secret", { id, organisationId }))
        : undefined,
    }),
  );
  return { ...created, token, path: webhookPath(token), ...(secret ? { secret } : {}) };
}
