import type { Db } from "@/lib/db/client";
import { encryptSecret, oauthClientSecretContext } from "@/lib/crypto/secrets";
import { DomainError, parseInput } from "@/lib/errors";
import { type OAuthAppSettingsView, saveOAuthAppSchema } from "../schemas";
import { findOAuthApp, oauthRedirectUrl } from "./oauth-app";

// Settings → Intercom OAuth app: an organisation admin enters the client id and secret of their
// Intercom OAuth app (the secret encrypted like tokens, never shown again), and reads the redirect
// URL to register with Intercom. The environment's app applies when none is saved.

const ADMIN_ROLES = new Set(["owner", "admin"]);

export async function readOAuthAppSettings(db: Db, organisationId: string): Promise<OAuthAppSettingsView> {
  const app = await findOAuthApp(db, organisationId, "us");
  return {
    redirectUrl: oauthRedirectUrl(),
    source: app?.source ?? null,
    clientId: app?.clientId ?? null,
  };
}

async function requireAdmin(db: Db, organisationId: string, userId: string): Promise<void> {
  const user = await db.user.findFirst({ where: { id: userId, organisationId }, select: { role: true } });
  if (!user || !ADMIN_ROLES.has(user.role))
    throw new DomainError("forbidden", "Only an organisation admin can change the Intercom OAuth app", { status: 403 });
}

export async function saveOAuthAppSettings(
  db: Db,
  who: { organisationId: string; userId: string },
  input: unknown,
): Promise<OAuthAppSettingsView> {
  const data = parseInput(saveOAuthAppSchema, input);
  await requireAdmin(db, who.organisationId, who.userId);
  const clientSecretCipher = encryptSecret(data.clientSecret, oauthClientSecretContext(who.organisationId));
  await db.oAuthAppSetting.upsert({
    where: { organisationId: who.organisationId },
    create: { organisationId: who.organisationId, clientId: data.clientId, clientSecretCipher },
    update: { clientId: data.clientId, clientSecretCipher },
  });
  return readOAuthAppSettings(db, who.organisationId);
}

export async function clearOAuthAppSettings(
  db: Db,
  who: { organisationId: string; userId: string },
): Promise<OAuthAppSettingsView> {
  await requireAdmin(db, who.organisationId, who.userId);
  await db.oAuthAppSetting.deleteMany({ where: { organisationId: who.organisationId } });
  return readOAuthAppSettings(db, who.organisationId);
}
