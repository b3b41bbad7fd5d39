import type { Db } from "@/lib/db/client";
import { publicCredentialSelect, toPublicCredential } from "./public-credential";
import type { PublicCredential } from "./schemas";
import { type ViewerArg, visibleCredentialsWhere } from "./visibility";

export async function listCredentials(db: Db, viewer: ViewerArg): Promise<PublicCredential[]> {
  const rows = await db.credential.findMany({
    where: visibleCredentialsWhere(viewer),
    select: publicCredentialSelect,
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
  return rows.map(toPublicCredential);
}
