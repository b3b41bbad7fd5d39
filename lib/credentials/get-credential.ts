import type { Db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { publicCredentialSelect, toPublicCredential } from "./public-credential";
import type { PublicCredential } from "./schemas";
import { type ViewerArg, visibleCredentialsWhere } from "./visibility";

/** Another organisation's credential, or another user's personal one, is "not found", like a missing one. */
export async function getCredential(db: Db, viewer: ViewerArg, credentialId: string): Promise<PublicCredential> {
  const row = await db.credential.findFirst({
    where: { id: credentialId, ...visibleCredentialsWhere(viewer) },
    select: publicCredentialSelect,
  });
  if (!row) throw notFound("Credential");
  return toPublicCredential(row);
}

export const getVisibleCredential = getCredential;
