import type { Db } from "@/lib/db/client";
import { type Keyring, loadKeyring } from "./keyring";
import { decryptSecret, encryptSecret, secretKeyId } from "./secrets";

export interface RotationReport {
  currentKeyId: string;
  credentials: { rotated: number; alreadyCurrent: number; changedMeanwhile: number };
  webhookSecrets: { rotated: number; alreadyCurrent: number; changedMeanwhile: number };
}

/**
 * Re-encrypts every credential token and webhook secret not yet under the current key. Each row is
 * updated only if its ciphertext is still the one read, so a concurrent edit is never overwritten.
 * Idempotent: run it again and everything is already current.
 */
export async function rotateSecrets(db: Db, keyring: Keyring = loadKeyring()): Promise<RotationReport> {
  const currentKeyId = keyring.current.id;
  const report: RotationReport = {
    currentKeyId,
    credentials: { rotated: 0, alreadyCurrent: 0, changedMeanwhile: 0 },
    webhookSecrets: { rotated: 0, alreadyCurrent: 0, changedMeanwhile: 0 },
  };

  const credentials = await db.credential.findMany({ select: { id: true, tokenCiphertext: true } });
  for (const row of credentials) {
    if (secretKeyId(row.tokenCiphertext) === currentKeyId) {
      report.credentials.alreadyCurrent++;
      continue;
    }
    const cipher = encryptSecret(decryptSecret(row.tokenCiphertext, keyring), keyring);
    const { count } = await db.credential.updateMany({
      where: { id: row.id, tokenCiphertext: row.tokenCiphertext },
      data: { tokenCiphertext: cipher, tokenKeyId: currentKeyId },
    });
    report.credentials[count === 1 ? "rotated" : "changedMeanwhile"]++;
  }

  const sources = await db.source.findMany({
    where: { webhookSecretCipher: { not: null } },
    select: { id: true, webhookSecretCipher: true },
  });
  for (const row of sources) {
    const stored = row.webhookSecretCipher as string;
    if (secretKeyId(stored) === currentKeyId) {
      report.webhookSecrets.alreadyCurrent++;
      continue;
    }
    const cipher = encryptSecret(decryptSecret(stored, keyring), keyring);
    const { count } = await db.source.updateMany({
      where: { id: row.id, webhookSecretCipher: stored },
      data: { webhookSecretCipher: cipher },
    });
    report.webhookSecrets[count === 1 ? "rotated" : "changedMeanwhile"]++;
  }
  return report;
}
