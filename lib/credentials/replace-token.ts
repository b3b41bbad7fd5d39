import type { Db } from "@/lib/db/client";
import { encryptSecret, secretContextFor, secretKeyId } from "@/lib/crypto/secrets";
import { resumeAfterReconnect } from "@/lib/delivery/needs-reconnect";
import { rerunAfterReconnect } from "@/lib/sources/runs/credential-rejected";
import { lastFour } from "@/lib/crypto/mask-secret";
import { DomainError } from "@/lib/errors";
import { getCredential } from "./get-credential";
import { publicCredentialSelect, toPublicCredential } from "./public-credential";
import type { PublicCredential } from "./schemas";
import { verifyToken } from "./verify-token";
import { asViewer, type ViewerArg } from "./visibility";

/**
 * A new token for an existing connection (Replace token, or Reconnect after a revocation): proved
 * with GET /me first, and only for the same workspace unless the user confirmed another. Every
 * destination and source on the connection keeps it; "needs reconnecting" is cleared.
 */
export async function replaceCredentialToken(
  db: Db,
  viewer: ViewerArg,
  credentialId: string,
  input: { token: string; allowOtherWorkspace?: boolean; viaOAuth?: boolean },
): Promise<PublicCredential> {
  const current = await getCredential(db, viewer, credentialId);
  const me = await verifyToken({ region: current.region, token: input.token });
  if (current.workspaceId && me.workspaceId !== current.workspaceId && !input.allowOtherWorkspace) {
    throw new DomainError(
      "other_workspace",
      `This token is for the workspace "${me.workspaceName ?? me.workspaceId}", not "${current.workspaceName ?? current.workspaceId}" ` +
        "that this connection's destinations send to. Confirm to switch workspaces, or use a token of the same workspace.",
      { status: 409, field: "token", details: { workspaceName: me.workspaceName, workspaceId: me.workspaceId } },
    );
  }
  const { organisationId } = asViewer(viewer);
  const tokenCiphertext = encryptSecret(
    input.token,
    secretContextFor("credential.token", { id: current.id, organisationId }),
  );
  const row = await db.credential.update({
    where: { id: current.id },
    data: {
      ...(input.viaOAuth ? { authKind: "oauth" } : {}),
      tokenCiphertext,
      tokenKeyId: secretKeyId(tokenCiphertext),
      tokenLast4: lastFour(input.token),
      workspaceName: me.workspaceName,
      workspaceId: me.workspaceId,
      adminName: me.adminName,
      adminEmail: me.adminEmail,
      verifiedAt: new Date(),
      needsReconnectAt: null,
      needsReconnectReason: null,
    },
    select: publicCredentialSelect,
  });
  await resumeAfterReconnect(db, row.id);
  await rerunAfterReconnect(db, row.id);
  return toPublicCredential(row);
}
