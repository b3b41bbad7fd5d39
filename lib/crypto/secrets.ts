import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { DomainError } from "@/lib/errors";
import { type Keyring, loadKeyring } from "./keyring";

// AES-256-GCM envelope: "v2:<keyId>:<iv b64>:<tag b64>:<ciphertext b64>". A random 12-byte IV per
// secret. Authenticated with it (not stored): the version and key id, and where the secret belongs
// — its purpose, organisation and row — so a ciphertext copied into another row, or a row moved
// to another organisation, fails its integrity check instead of lending its token.
// "v1" envelopes (before the binding) are read only by the re-encryption step (rotate-secrets.ts),
// which `npm start` and `npm run db:migrate` run after the migrations.

const VERSION = "v2";
const LEGACY_VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** What a stored secret is for. A new kind of stored secret adds its own purpose here. */
export type SecretPurpose = "credential.token" | "source.webhook_secret" | "oauth_app.client_secret";

/** Where a secret lives: bound into its authenticated data, so it decrypts only there. */
export interface SecretContext {
  purpose: SecretPurpose;
  organisationId: string;
  /** The id of the row that holds the ciphertext. */
  rowId: string;
}

/** The context of a secret held in a row of an organisation. */
export function secretContextFor(purpose: SecretPurpose, row: { id: string; organisationId: string }): SecretContext {
  return { purpose, organisationId: row.organisationId, rowId: row.id };
}

/** An organisation's own OAuth app secret: its row (OAuthAppSetting) is keyed by the organisation. */
export function oauthClientSecretContext(organisationId: string): SecretContext {
  return { purpose: "oauth_app.client_secret", organisationId, rowId: organisationId };
}

export interface EnvelopeParts {
  version: typeof VERSION | typeof LEGACY_VERSION;
  keyId: string;
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

function associatedData(version: EnvelopeParts["version"], keyId: string, context: SecretContext): Buffer {
  if (version === LEGACY_VERSION) return Buffer.from(`${version}:${keyId}`);
  return Buffer.from(JSON.stringify([version, keyId, context.purpose, context.organisationId, context.rowId]), "utf8");
}

export function encryptSecret(plain: string, context: SecretContext, keyring: Keyring = loadKeyring()): string {
  const { id, key } = keyring.current;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(VERSION, id, context));
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [
    VERSION,
    id,
    iv.toString("base64"),
    cipher.getAuthTag().toString("base64"),
    ciphertext.toString("base64"),
  ].join(":");
}

/** Decrypts a secret stored in the row `context` names; anywhere else it fails its integrity check. */
export function decryptSecret(stored: string, context: SecretContext, keyring: Keyring = loadKeyring()): string {
  const envelope = parseEnvelope(stored);
  if (envelope.version === LEGACY_VERSION)
    throw new DomainError(
      "secret_unbound",
      "A stored secret predates row binding: run `npm run db:migrate` (it re-encrypts stored secrets)",
      { status: 500 },
    );
  return openEnvelope(envelope, context, keyring);
}

/** For the re-encryption step only: also reads "v1" envelopes, which are bound to nothing. */
export function decryptForReencryption(stored: string, context: SecretContext, keyring: Keyring): string {
  return openEnvelope(parseEnvelope(stored), context, keyring);
}

export function isBoundEnvelope(stored: string): boolean {
  return parseEnvelope(stored).version === VERSION;
}

function openEnvelope(
  { version, keyId, iv, tag, ciphertext }: EnvelopeParts,
  context: SecretContext,
  keyring: Keyring,
): string {
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
    decipher.setAAD(associatedData(version, keyId, context));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch {
    throw new DomainError(
      "secret_tampered",
      "A stored secret failed its integrity check (altered, moved from another row, or a different key under the same id)",
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
    (version !== VERSION && version !== LEGACY_VERSION) ||
    !keyId ||
    iv === undefined ||
    tag === undefined ||
    ciphertext === undefined
  ) {
    throw malformed();
  }
  const envelope: EnvelopeParts = {
    version,
    keyId,
    iv: Buffer.from(iv, "base64"),
    tag: Buffer.from(tag, "base64"),
    ciphertext: Buffer.from(ciphertext, "base64"),
  };
  if (envelope.iv.length !== IV_BYTES || envelope.tag.length !== TAG_BYTES) throw malformed();
  return envelope;
}

function malformed(): DomainError {
  return new DomainError("secret_malformed", "A stored secret is not a Flowgate envelope", { status: 500 });
}
