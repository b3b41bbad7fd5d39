import type { Db } from "@/lib/db/client";
import { publicCredentialSelect, toPublicCredential } from "./public-credential";
import type { PublicCredential } from "./schemas";

export async function listCredentials(db: Db, organisationId: string): Promise<PublicCredential[]> {
  const rows = await db.credential.findMany({
    where: { organisationId },
    select: publicCredentialSelect,
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
  return rows.map(toPublicCredential);
}
