import type { Db } from "@/lib/db/client";
import { DomainError, notFound } from "@/lib/errors";
import { asViewer, type ViewerArg, visibleCredentialsWhere } from "./visibility";

/** Deletes a credential no destination uses (sources that used it keep running without one). */
export async function deleteCredential(db: Db, viewer: ViewerArg, credentialId: string): Promise<void> {
  const { organisationId } = asViewer(viewer);
  await db.$transaction(async (tx) => {
    const credential = await tx.credential.findFirst({
      where: { id: credentialId, ...visibleCredentialsWhere(viewer) },
      select: { id: true },
    });
    if (!credential) throw notFound("Credential");
    const destinations = await tx.destination.count({ where: { credentialId, organisationId } });
    if (destinations > 0) {
      throw new DomainError(
        "credential_in_use",
        `This connection is used by ${destinations} destination${destinations === 1 ? "" : "s"}; choose another connection for them first.`,
        { status: 409, details: { destinations } },
      );
    }
    await tx.credential.delete({ where: { id: credentialId } });
  });
}
