import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { DomainError } from "@/lib/errors";
import { type Keyring, loadKeyring } from "./keyring";

// AES-256-GCM envelope: "v1:<keyId>:<iv b64>:<tag b64>:<ciphertext b64>". A random 12-byte IV per
// secret; "v1:<keyId>" is authenticated too, so the key id cannot be swapped unnoticed.

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface EnvelopeParts {
  keyId: string;
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

export function encryptSecret(plain: string, keyring: Keyring = loadKeyring()): string {
  const { id, key } = keyring.current;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(`${VERSION}:${id}`));
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [
    VERSION,
    id,
    iv.toString("base64"),
    cipher.getAuthTag().toString("base64"),
    ciphertext.toString("base64"),
  ].join(":");
}

export function decryptSecret(stored: string, keyring: Keyring = loadKeyring()): string {
  const { keyId, iv, tag, ciphertext } = parseEnvelope(stored);
  const entry = keyring.byId.get(keyId);
  if (!entry) {
    throw new DomainError(
      "encryption_key_missing",
      `The secret was encrypted with key "${keyId}", which is not in FLOWGATE_ENCRYPTION_KEYS`,
      {
        status: 500,
      },
    );
  }
  try {
    const decipher = createDecipheriv("aes-256-gcm", entry.key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(`${VERSION}:${keyId}`));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch {
    throw new DomainError(
      "secret_tampered",
      "A stored secret failed its integrity check (altered, or a different key under the same id)",
      {
        status: 500,
      },
    );
  }
}

/** The key id an envelope names, without decrypting it. */
export function secretKeyId(stored: string): string {
  return parseEnvelope(stored).keyId;
}

export function parseEnvelope(stored: string): EnvelopeParts {
  const parts = stored.split(":");
  const [version, keyId, iv, tag, ciphertext] = parts;
  if (
    parts.length !== 5 ||
    version !== VERSION ||
    !keyId ||
    iv === undefined ||
    tag === undefined ||
    ciphertext === undefined
  ) {
    throw malformed();
  }
  const envelope = {
    keyId,
    iv: Buffer.from(iv, "base64"),
    tag: Buffer.from(tag, "base64"),
    ciphertext: Buffer.from(ciphertext, "base64"),
  };
  if (envelope.iv.length !== IV_BYTES || envelope.tag.length !== TAG_BYTES) throw malformed();
  return envelope;
}

function malformed(): DomainError {
  return new DomainError("secret_malformed", "A stored secret is not a Flowgate v1 envelope", { status: 500 });
}
