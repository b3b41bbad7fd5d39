import type { Db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { publicCredentialSelect, toPublicCredential } from "./public-credential";
import type { PublicCredential } from "./schemas";

/** Another organisation's credential is "not found", exactly like a missing one. */
export async function getCredential(db: Db, organisationId: string, credentialId: string): Promise<PublicCredential> {
  const row = await db.credential.findFirst({
    where: { id: credentialId, organisationId },
    select: publicCredentialSelect,
  });
  if (!row) throw notFound("Credential");
  return toPublicCredential(row);
}
