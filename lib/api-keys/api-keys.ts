import { db as defaultDb, type Db } from "@/lib/db/client";
import { notFound, parseInput } from "@/lib/errors";
import { generateApiKey } from "./key-format";
import { createApiKeySchema, type ApiKeySummary, type CreateApiKeyInput, type CreatedApiKey } from "./schemas";

const summarySelect = {
  id: true,
  name: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
  createdBy: { select: { id: true, name: true } },
} as const;

/** Creates a key for the organisation. The returned `key` is the only copy that will ever exist. */
export async function createApiKey(
  scope: { organisationId: string; userId: string },
  input: CreateApiKeyInput,
  database: Db = defaultDb(),
): Promise<CreatedApiKey> {
  const { name } = parseInput(createApiKeySchema, input);
  const { key, prefix, keyHash } = generateApiKey();
  const apiKey = await database.apiKey.create({
    data: { organisationId: scope.organisationId, createdById: scope.userId, name, prefix, keyHash },
    select: summarySelect,
  });
  return { apiKey, key };
}

/** The organisation's keys, newest first, revoked ones included (they show as revoked). */
export async function listApiKeys(organisationId: string, database: Db = defaultDb()): Promise<ApiKeySummary[]> {
  return database.apiKey.findMany({ where: { organisationId }, orderBy: { createdAt: "desc" }, select: summarySelect });
}

/** Revokes a key of this organisation; another organisation's id is simply not found. Idempotent. */
export async function revokeApiKey(
  organisationId: string,
  apiKeyId: string,
  database: Db = defaultDb(),
): Promise<ApiKeySummary> {
  const existing = await database.apiKey.findFirst({
    where: { id: apiKeyId, organisationId },
    select: { id: true, revokedAt: true },
  });
  if (!existing) throw notFound("API key");
  if (!existing.revokedAt) {
    await database.apiKey.updateMany({
      where: { id: apiKeyId, organisationId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
  }
  return database.apiKey.findUniqueOrThrow({ where: { id: apiKeyId }, select: summarySelect });
}
