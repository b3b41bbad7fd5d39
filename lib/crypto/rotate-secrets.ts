import type { Db } from "@/lib/db/client";
import { type Keyring, loadKeyring } from "./keyring";
import {
  decryptForReencryption,
  encryptSecret,
  isBoundEnvelope,
  oauthClientSecretContext,
  secretContextFor,
  secretKeyId,
  type SecretContext,
} from "./secrets";

export interface RotationCounts {
  rotated: number;
  alreadyCurrent: number;
  changedMeanwhile: number;
}

export interface RotationReport {
  currentKeyId: string;
  credentials: RotationCounts;
  webhookSecrets: RotationCounts;
  oauthClientSecrets: RotationCounts;
}

interface StoredSecret {
  stored: string;
  context: SecretContext;
  /** Writes the new ciphertext only if the row still holds `stored`; answers whether it did. */
  replace(cipher: string, keyId: string): Promise<boolean>;
}

async function reencrypt(rows: StoredSecret[], keyring: Keyring): Promise<RotationCounts> {
  const counts: RotationCounts = { rotated: 0, alreadyCurrent: 0, changedMeanwhile: 0 };
  for (const row of rows) {
    if (secretKeyId(row.stored) === keyring.current.id && isBoundEnvelope(row.stored)) {
      counts.alreadyCurrent++;
      continue;
    }
    const cipher = encryptSecret(decryptForReencryption(row.stored, row.context, keyring), row.context, keyring);
    counts[(await row.replace(cipher, keyring.current.id)) ? "rotated" : "changedMeanwhile"]++;
  }
  return counts;
}

/**
 * Re-encrypts every credential token, webhook secret and OAuth app secret that is not yet under the current key or
 * not yet bound to its row (older "v1" envelopes). Each row is updated only if its ciphertext is
 * still the one read, so a concurrent edit is never overwritten. Idempotent: `npm start` and
 * `npm run db:migrate` run it after the migrations; scripts/rotate-keys.ts after a new key.
 */
export async function rotateSecrets(db: Db, keyring: Keyring = loadKeyring()): Promise<RotationReport> {
  const credentials = await db.credential.findMany({
    select: { id: true, organisationId: true, tokenCiphertext: true },
  });
  const sources = await db.source.findMany({
    where: { webhookSecretCipher: { not: null } },
    select: { id: true, organisationId: true, webhookSecretCipher: true },
  });
  const oauthApps = await db.oAuthAppSetting.findMany({ select: { organisationId: true, clientSecretCipher: true } });
  return {
    currentKeyId: keyring.current.id,
    credentials: await reencrypt(
      credentials.map((row) => ({
        stored: row.tokenCiphertext,
        context: secretContextFor("credential.token", row),
        replace: async (cipher, keyId) =>
          (
            await db.credential.updateMany({
              where: { id: row.id, tokenCiphertext: row.tokenCiphertext },
              data: { tokenCiphertext: cipher, tokenKeyId: keyId },
            })
          ).count === 1,
      })),
      keyring,
    ),
    webhookSecrets: await reencrypt(
      sources.map((row) => ({
        stored: row.webhookSecretCipher as string,
        context: secretContextFor("source.webhook_secret", row),
        replace: async (cipher) =>
          (
            await db.source.updateMany({
              where: { id: row.id, webhookSecretCipher: row.webhookSecretCipher },
              data: { webhookSecretCipher: cipher },
            })
          ).count === 1,
      })),
      keyring,
    ),
    oauthClientSecrets: await reencrypt(
      oauthApps.map((row) => ({
        stored: row.clientSecretCipher,
        context: oauthClientSecretContext(row.organisationId),
        replace: async (cipher) =>
          (
            await db.oAuthAppSetting.updateMany({
              where: { organisationId: row.organisationId, clientSecretCipher: row.clientSecretCipher },
              data: { clientSecretCipher: cipher },
            })
          ).count === 1,
      })),
      keyring,
    ),
  };
}
