import { createHash, randomBytes } from "node:crypto";

// The webhook URL carries a random token; only its sha256 is stored (Source.webhookTokenHash),
// so the URL is shown once, at creation or rotation, and a database dump does not reveal it.

const TOKEN_PREFIX = "whk_";
const TOKEN_PATTERN = /^whk_[A-Za-z0-9_-]{43}$/;

export function generateWebhookToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
}

export function hashWebhookToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Cheap shape check, so garbage never reaches the database. */
export function looksLikeWebhookToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}

/** The path a webhook source receives records on (the route is app/api/webhooks/[token]). */
export function webhookPath(token: string): string {
  return `/api/webhooks/${token}`;
}
