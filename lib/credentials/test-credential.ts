import { findRegion } from "@/lib/connectors/intercom/regions";
import type { Db } from "@/lib/db/client";
import { isDomainError, parseInput } from "@/lib/errors";
import { markNeedsReconnect, resumeAfterReconnect } from "@/lib/delivery/needs-reconnect";
import { getCredential } from "./get-credential";
import { loadCredentialToken } from "./load-credential-token";
import { asViewer, type ViewerArg } from "./visibility";
import { testConnectionSchema, type TestConnectionResult } from "./schemas";
import { verifyToken } from "./verify-token";

/** "Test connection" on a saved credential: GET /me, and on success refresh what we show about it. */
export async function testCredential(db: Db, viewer: ViewerArg, credentialId: string): Promise<TestConnectionResult> {
  const { organisationId } = asViewer(viewer);
  await getCredential(db, viewer, credentialId);
  const credential = await loadCredentialToken(db, organisationId, credentialId);
  const result = await runTest(credential.region, credential.token);
  if (result.ok) {
    await db.credential.updateMany({
      where: { id: credentialId, organisationId },
      data: {
        workspaceName: result.workspaceName,
        workspaceId: result.workspaceId,
        adminName: result.adminName,
        adminEmail: result.adminEmail,
        verifiedAt: new Date(),
        needsReconnectAt: null,
        needsReconnectReason: null,
      },
    });
    await resumeAfterReconnect(db, credentialId);
  } else if (result.errorCode === "credential_rejected") {
    await markNeedsReconnect(db, credentialId, result.errorMessage);
  }
  return result;
}

/** "Test connection" in the create form, before anything is saved. */
export async function testConnection(input: unknown): Promise<TestConnectionResult> {
  const { region, token } = parseInput(testConnectionSchema, input);
  return runTest(region, token);
}

async function runTest(region: string, token: string): Promise<TestConnectionResult> {
  const regionName = findRegion(region)?.name ?? region;
  try {
    const me = await verifyToken({ region, token });
    return {
      ok: true,
      region: regionName,
      workspaceName: me.workspaceName,
      workspaceId: me.workspaceId,
      adminName: me.adminName,
      adminEmail: me.adminEmail,
      latencyMs: me.latencyMs,
    };
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return { ok: false, region: regionName, errorCode: error.code, errorMessage: error.message };
  }
}
