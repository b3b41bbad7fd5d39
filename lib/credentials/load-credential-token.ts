import { regionBaseUrl } from "@/lib/connectors/intercom/regions";
import type { Db } from "@/lib/db/client";
import { decryptSecret, secretContextFor } from "@/lib/crypto/secrets";
import { notFound } from "@/lib/errors";

// SERVER ONLY: the one place a stored token is decrypted. What it returns goes straight into
// sendIntercomRequest / an IntercomContext — never into a response, a log line or a job payload.

export interface LoadedCredential {
  id: string;
  region: string;
  baseUrl: string;
  token: string;
  rateLimitPer10s: number | null;
}

export async function loadCredentialToken(
  db: Db,
  organisationId: string,
  credentialId: string,
): Promise<LoadedCredential> {
  const row = await db.credential.findFirst({
    where: { id: credentialId, organisationId },
    select: { id: true, region: true, tokenCiphertext: true, rateLimitPer10s: true },
  });
  if (!row) throw notFound("Credential");
  return {
    id: row.id,
    region: row.region,
    baseUrl: regionBaseUrl(row.region),
    token: decryptSecret(row.tokenCiphertext, secretContextFor("credential.token", { id: row.id, organisationId })),
    rateLimitPer10s: row.rateLimitPer10s,
  };
}
