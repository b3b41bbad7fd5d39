import { createHash, randomBytes } from "node:crypto";

// A key reads `fg_<prefix>_<secret>`: the prefix (8 lowercase hex) names the key in the UI and in
// logs; the secret (32 base62 characters, ~190 bits) is shown once. Only sha256(key) is stored.

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const SECRET_LENGTH = 32;
const KEY_PATTERN = /^fg_([0-9a-f]{8})_([0-9A-Za-z]{32})$/;

export interface GeneratedApiKey {
  key: string;
  prefix: string;
  keyHash: string;
}

function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // 248 = 62 * 4: bytes above it are dropped so every character is equally likely.
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

export function generateApiKey(): GeneratedApiKey {
  const prefix = randomBytes(4).toString("hex");
  const key = `fg_${prefix}_${randomBase62(SECRET_LENGTH)}`;
  return { key, prefix, keyHash: hashApiKey(key) };
}

export function isApiKeyShaped(value: string): boolean {
  return KEY_PATTERN.test(value);
}

/** The key in `Authorization: Bearer fg_…`, or null when the header is absent or not one of ours. */
export function readBearerApiKey(authorizationHeader: string | null | undefined): string | null {
  if (!authorizationHeader) return null;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorizationHeader);
  const candidate = match?.[1];
  return candidate && isApiKeyShaped(candidate) ? candidate : null;
}
