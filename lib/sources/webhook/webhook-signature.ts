import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { DomainError } from "@/lib/errors";

// Standard Webhooks (standardwebhooks.com): the sender signs "<webhook-id>.<webhook-timestamp>.<body>"
// with HMAC-SHA256 under the secret's bytes and sends "v1,<base64>" (several, space-separated,
// during a secret rotation). The timestamp must be within the tolerance, against replays.

const SECRET_PREFIX = "whsec_";
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

export type HeaderSource = Headers | Record<string, string | string[] | undefined>;

export function readHeader(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return Array.isArray(value) ? value.join(" ") : value;
  }
  return undefined;
}

export function generateWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(24).toString("base64")}`;
}

function secretKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, "base64");
}

/** The `webhook-signature` value for a body: what a sender computes (tests and the UI's curl example use it). */
export function signWebhook(secret: string, id: string, timestamp: number, body: Uint8Array | string): string {
  const mac = createHmac("sha256", secretKey(secret));
  mac.update(`${id}.${timestamp}.`);
  mac.update(body);
  return `v1,${mac.digest("base64")}`;
}

function refuse(message: string): DomainError {
  return new DomainError("invalid_signature", message, { status: 401 });
}

/** Throws a 401 DomainError saying what is wrong; returns when one v1 signature matches. */
export function verifyWebhookSignature(input: {
  secret: string;
  headers: HeaderSource;
  body: Uint8Array;
  now?: Date;
}): void {
  const id = readHeader(input.headers, "webhook-id");
  const timestamp = readHeader(input.headers, "webhook-timestamp");
  const signatures = readHeader(input.headers, "webhook-signature");
  if (!id || !timestamp || !signatures)
    throw refuse("This webhook requires a signature: send webhook-id, webhook-timestamp and webhook-signature headers");
  if (!/^\d{1,12}$/.test(timestamp)) throw refuse("webhook-timestamp must be Unix seconds");
  const nowSeconds = Math.floor((input.now ?? new Date()).getTime() / 1000);
  if (Math.abs(nowSeconds - Number(timestamp)) > SIGNATURE_TOLERANCE_SECONDS) {
    throw refuse("webhook-timestamp is more than 5 minutes away from now (replayed or clock skew)");
  }
  const expected = Buffer.from(signWebhook(input.secret, id, Number(timestamp), input.body).slice(3), "base64");
  for (const candidate of signatures.split(" ")) {
    const [version, value] = candidate.split(",", 2);
    if (version !== "v1" || !value) continue;
    const given = Buffer.from(value, "base64");
    if (given.length === expected.length && timingSafeEqual(given, expected)) return;
  }
  throw refuse("webhook-signature does not match the body (wrong secret, or the body was changed)");
}
