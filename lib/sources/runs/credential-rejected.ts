import { IntercomCallError } from "@/lib/connectors/intercom/operations/context";
import type { Db } from "@/lib/db/client";
import { markNeedsReconnect } from "@/lib/delivery/needs-reconnect";
import { DomainError } from "@/lib/errors";
import { intercomSourceConfigSchema } from "../schemas";

export const SOURCE_RECONNECT_MESSAGE =
  "Intercom refused the connection's token, so it needs reconnecting. Reconnect it (Credentials), then run the source again.";

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
