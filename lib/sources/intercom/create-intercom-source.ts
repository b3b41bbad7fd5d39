import { asViewer, type ViewerArg, visibleCredentialsWhere } from "@/lib/credentials/visibility";
import type { Db } from "@/lib/db/client";
import { DomainError, parseInput } from "@/lib/errors";
import { createSourceInTx, type CreatedSource } from "../create-source";
import { createIntercomSourceSchema } from "../schemas";

/**
 * An Intercom source (list contacts / list companies / content export) on one of the
 * organisation's credentials. With a schedule, its first run is due at once.
 */
export async function createIntercomSource(db: Db, viewer: ViewerArg, input: unknown): Promise<CreatedSource> {
  const { organisationId } = asViewer(viewer);
  const { name, flowId, ...config } = parseInput(createIntercomSourceSchema, input);
  const credential = await db.credential.findFirst({
    where: { id: config.credentialId, ...visibleCredentialsWhere(viewer) },
    select: { id: true },
  });
  if (!credential) throw new DomainError("not_found", "Credential not found", { status: 404, field: "credentialId" });
  return db.$transaction((tx) =>
    createSourceInTx(tx, {
      organisationId,
      kind: "intercom",
      name,
      flowId,
      config,
      credentialId: credential.id,
      scheduleMinutes: config.scheduleMinutes,
      nextRunAt: config.scheduleMinutes ? new Date() : undefined,
    }),
  );
}
