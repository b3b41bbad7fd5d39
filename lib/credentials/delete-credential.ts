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
    const users = await tx.destination.findMany({
      where: { credentialId, organisationId },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    });
    const destinations = users.length;
    if (destinations > 0) {
      const names = users.slice(0, 5).map((d) => `"${d.name}"`);
      throw new DomainError(
        "credential_in_use",
        `This connection is used by ${destinations} destination${destinations === 1 ? "" : "s"} (${names.join(", ")}${destinations > 5 ? ", …" : ""}); choose another connection for them first.`,
        { status: 409, details: { destinations, destinationList: users } },
      );
    }
    await tx.credential.delete({ where: { id: credentialId } });
  });
}
