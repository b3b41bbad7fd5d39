import type { Db } from "@/lib/db/client";
import { parseInput } from "@/lib/errors";
import { publicCredentialSelect, toPublicCredential } from "./public-credential";
import { sealCredentialToken } from "./seal-token";
import { createCredentialSchema, type PublicCredential } from "./schemas";
import { verifyToken } from "./verify-token";

/**
 * Validates, proves the token with GET /me on the region's host, then stores it encrypted.
 * A token Intercom refuses (or an unreachable host) throws a DomainError and stores nothing.
 * `verify: false` is for seeding only; routes must never expose it. `createdById`: who made it (a
 * personal connection is theirs only).
 */
export async function createCredential(
  db: Db,
  organisationId: string,
  input: unknown,
  opts: { verify?: boolean; createdById?: string } = {},
): Promise<PublicCredential> {
  const data = parseInput(createCredentialSchema, input);
  const me = opts.verify === false ? undefined : await verifyToken({ region: data.region, token: data.token });
  const row = await db.credential.create({
    data: {
      ...sealCredentialToken(organisationId, data.token),
      organisationId,
      name: data.name,
      region: data.region,
      authKind: data.authKind,
      oauthKind: data.authKind === "oauth" ? (data.oauthKind ?? null) : null,
      scopes: data.authKind === "oauth" ? (data.scopes ?? []) : [],
      workspaceName: me?.workspaceName ?? null,
      workspaceId: me?.workspaceId ?? null,
      adminName: me?.adminName ?? null,
      adminEmail: me?.adminEmail ?? null,
      verifiedAt: me ? new Date() : null,
      createdById: opts.createdById ?? null,
    },
    select: publicCredentialSelect,
  });
  return toPublicCredential(row);
}
