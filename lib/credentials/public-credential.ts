import { findRegion } from "@/lib/connectors/intercom/regions";
import { maskFromLast4 } from "@/lib/crypto/mask-secret";
import type { PublicCredential } from "./schemas";

/** The columns a public credential is built from: tokenCiphertext is deliberately absent. */
export const publicCredentialSelect = {
  id: true,
  name: true,
  region: true,
  authKind: true,
  oauthKind: true,
  scopes: true,
  tokenLast4: true,
  workspaceName: true,
  workspaceId: true,
  adminName: true,
  adminEmail: true,
  verifiedAt: true,
  rateLimitPer10s: true,
  needsReconnectAt: true,
  needsReconnectReason: true,
  createdAt: true,
  updatedAt: true,
} as const;

export interface PublicCredentialRow {
  id: string;
  name: string;
  region: string;
  authKind: string;
  oauthKind: string | null;
  scopes: string[];
  tokenLast4: string;
  workspaceName: string | null;
  workspaceId: string | null;
  adminName: string | null;
  adminEmail: string | null;
  verifiedAt: Date | null;
  rateLimitPer10s: number | null;
  needsReconnectAt: Date | null;
  needsReconnectReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export function toPublicCredential(row: PublicCredentialRow): PublicCredential {
  const { tokenLast4, verifiedAt, needsReconnectAt, createdAt, updatedAt, ...rest } = row;
  return {
    ...rest,
    needsReconnect: needsReconnectAt !== null,
    regionName: findRegion(row.region)?.name ?? row.region,
    tokenMasked: maskFromLast4(tokenLast4),
    verifiedAt: verifiedAt?.toISOString() ?? null,
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
  };
}
