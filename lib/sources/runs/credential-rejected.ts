import { IntercomCallError } from "@/lib/connectors/intercom/operations/context";
import type { Db } from "@/lib/db/client";
import { markNeedsReconnect } from "@/lib/delivery/needs-reconnect";
import { DomainError, isDomainError } from "@/lib/errors";
import { intercomSourceConfigSchema } from "../schemas";
import { requestSourceRun } from "./request-source-run";

export const SOURCE_RECONNECT_MESSAGE =
  "Intercom refused the connection's token, so it needs reconnecting. Reconnect it (Credentials) and the source runs again.";

/**
 * A 401 during a source run is the connection's problem, as it is for deliveries: the connection is
 * marked "needs reconnecting" (pausing its destinations) and the run fails with that reason. Returns
 * the error the run should fail with instead, or undefined for any other failure.
 */
export async function handleCredentialRejected(
  db: Db,
  sourceConfig: unknown,
  error: unknown,
): Promise<DomainError | undefined> {
  if (!(error instanceof IntercomCallError) || !error.result.credentialRejected) return undefined;
  const config = intercomSourceConfigSchema.safeParse(sourceConfig);
  if (!config.success) return undefined;
  await markNeedsReconnect(db, config.data.credentialId, error.result.errorMessage ?? "Intercom answered 401");
  return new DomainError("credential_needs_reconnect", SOURCE_RECONNECT_MESSAGE, { status: 409 });
}

/**
 * After Reconnect (or a replaced token): each Intercom source whose last run failed because the
 * connection needed reconnecting runs again, as its destinations resume. Their ids.
 */
export async function rerunAfterReconnect(db: Db, credentialId: string): Promise<string[]> {
  const failed = await db.source.findMany({
    where: { credentialId, kind: "intercom", status: "error", statusMessage: SOURCE_RECONNECT_MESSAGE },
    select: { id: true, organisationId: true },
  });
  const rerun: string[] = [];
  for (const source of failed) {
    try {
      await requestSourceRun(db, source.organisationId, source.id, "reconnect");
      rerun.push(source.id);
    } catch (error) {
      // A run already queued or running (someone pressed Run now) does the same.
      if (!isDomainError(error) || error.status !== 409) throw error;
    }
  }
  return rerun;
}
