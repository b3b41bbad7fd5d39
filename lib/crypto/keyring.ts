import { randomBytes } from "node:crypto";
import { DomainError } from "@/lib/errors";
import { readOrCreateKeyFile } from "./key-file";

// Keys come from FLOWGATE_ENCRYPTION_KEYS = "keyId:base64(32 bytes),olderId:…" — the first is
// current (encrypts), the others only decrypt until `rotate-keys` has moved everything over.

export interface EncryptionKey {
  id: string;
  key: Buffer;
}

export interface Keyring {
  current: EncryptionKey;
  byId: ReadonlyMap<string, EncryptionKey>;
}

const KEY_ID = /^[A-Za-z0-9_-]{1,40}$/;

export function parseKeyring(spec: string, source = "FLOWGATE_ENCRYPTION_KEYS"): Keyring {
  const entries = spec
    .split(/[,\n]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0 && !entry.startsWith("#"));
  if (entries.length === 0) throw keyError(`${source} holds no key`);
  const keys = entries.map((entry) => parseKey(entry, source));
  const byId = new Map<string, EncryptionKey>();
  for (const key of keys) {
    if (byId.has(key.id)) throw keyError(`${source} names key "${key.id}" twice`);
    byId.set(key.id, key);
  }
  return { current: keys[0] as EncryptionKey, byId };
}

function parseKey(entry: string, source: string): EncryptionKey {
  const separator = entry.indexOf(":");
  const id = entry.slice(0, separator);
  const material = entry.slice(separator + 1);
  if (separator < 1 || !KEY_ID.test(id)) {
    throw keyError(`${source}: each key is "keyId:base64", with a keyId of letters, digits, "_" or "-"`);
  }
  const key = Buffer.from(material, "base64");
  if (key.length !== 32 || !/^[A-Za-z0-9+/=_-]+$/.test(material)) {
    throw keyError(`${source}: key "${id}" must be 32 bytes in base64 (openssl rand -base64 32)`);
  }
  return { id, key };
}

/** A fresh "keyId:base64" line, e.g. for the rotate-keys script or a new install. */
export function generateKeySpec(now = new Date()): string {
  const id = `k${now.toISOString().slice(0, 10).replaceAll("-", "")}${randomBytes(3).toString("hex")}`;
  return `${id}:${randomBytes(32).toString("base64")}`;
}

const holder = globalThis as unknown as { flowgateKeyring?: Keyring };

/** The process's keyring: from the environment, else the local key file (created on first use). */
export function loadKeyring(): Keyring {
  if (holder.flowgateKeyring) return holder.flowgateKeyring;
  const fromEnv = process.env.FLOWGATE_ENCRYPTION_KEYS?.trim();
  holder.flowgateKeyring = fromEnv
    ? parseKeyring(fromEnv)
    : parseKeyring(readOrCreateKeyFile(generateKeySpec), "the local key file");
  return holder.flowgateKeyring;
}

/** Forget the cached keyring (tests, and the rotate script after it changes the key file). */
export function resetKeyringCache(): void {
  holder.flowgateKeyring = undefined;
}

function keyError(message: string): DomainError {
  return new DomainError("encryption_key_invalid", message, { status: 500 });
}
