import { db as defaultDb, type Db } from "@/lib/db/client";
import { hashApiKey, readBearerApiKey } from "./key-format";

export interface ApiKeyPrincipal {
  organisationId: string;
  apiKeyId: string;
  /** The user who created the key: the API key acts as them (their personal connections). */
  createdById: string;
}

const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * The organisation behind `Authorization: Bearer fg_…`, or null for a missing, malformed, unknown
 * or revoked key. Lookup is by sha256, so the key itself is never compared or stored.
 */
export async function authenticateApiKey(
  authorizationHeader: string | null | undefined,
  database: Db = defaultDb(),
  now: Date = new Date(),
): Promise<ApiKeyPrincipal | null> {
  const key = readBearerApiKey(authorizationHeader);
  if (!key) return null;
  const found = await database.apiKey.findUnique({
    where: { keyHash: hashApiKey(key) },
    select: { id: true, organisationId: true, createdById: true, revokedAt: true, lastUsedAt: true },
  });
  if (!found || found.revokedAt) return null;
  const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  if (!found.lastUsedAt || found.lastUsedAt < staleBefore) {
    // Conditional update: under concurrent calls only one write per minute lands.
    await database.apiKey.updateMany({
      where: { id: found.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: staleBefore } }] },
      data: { lastUsedAt: now },
    });
  }
  return { organisationId: found.organisationId, apiKeyId: found.id, createdById: found.createdById };
}
