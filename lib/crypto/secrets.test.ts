import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { legacyEnvelope } from "@/test/crypto/legacy-envelope";
import { parseKeyring } from "./keyring";
import {
  decryptForReencryption,
  decryptSecret,
  encryptSecret,
  parseEnvelope,
  type SecretContext,
  secretKeyId,
} from "./secrets";

const keyA = `a1:${randomBytes(32).toString("base64")}`;
const keyB = `b2:${randomBytes(32).toString("base64")}`;
const ring = parseKeyring(keyA);
const TOKEN = "dG9rOmFiY2RlZjEyMzQ1Njc4OTA6MToxMjM0NTY3ODkw";
const CTX: SecretContext = {
  purpose: "credential.token",
  organisationId: "cmorg0000000000000000000a",
  rowId: "cmrow0000000000000000001",
};

function replacePart(stored: string, index: number, value: string): string {
  const parts = stored.split(":");
  parts[index] = value;
  return parts.join(":");
}

function flipFirstByte(b64: string): string {
  const bytes = Buffer.from(b64, "base64");
  bytes[0] = (bytes[0] as number) ^ 0x01;
  return bytes.toString("base64");
}

describe("encryptSecret / decryptSecret", () => {
  it("round-trips, in the v2:<keyId>:<iv>:<tag>:<ciphertext> shape, without the plaintext in it", () => {
    const stored = encryptSecret(TOKEN, CTX, ring);
    expect(stored).toMatch(/^v2:a1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(stored).not.toContain(TOKEN);
    expect(decryptSecret(stored, CTX, ring)).toBe(TOKEN);
    expect(parseEnvelope(stored).iv).toHaveLength(12);
    expect(secretKeyId(stored)).toBe("a1");
  });

  it("uses a fresh IV each time", () => {
    const first = encryptSecret(TOKEN, CTX, ring);
    const second = encryptSecret(TOKEN, CTX, ring);
    expect(first).not.toBe(second);
    expect(parseEnvelope(first).iv.equals(parseEnvelope(second).iv)).toBe(false);
  });

  it("round-trips unicode and empty strings", () => {
    for (const plain of ["", "héllo ✓ 🔑", "x".repeat(10_000)])
      expect(decryptSecret(encryptSecret(plain, CTX, ring), CTX, ring)).toBe(plain);
  });

  it.each([
    ["the ciphertext", 4],
    ["the tag", 3],
    ["the IV", 2],
  ])("detects tampering with %s", (_what, index) => {
    const stored = encryptSecret(TOKEN, CTX, ring);
    const tampered = replacePart(stored, index, flipFirstByte(stored.split(":")[index] as string));
    expect(() => decryptSecret(tampered, CTX, ring)).toThrow(/integrity check/);
  });

  it("detects a relabelled key id (the key id is authenticated)", () => {
    // a1 and a2 hold the same key material: only the authenticated label differs.
    const material = randomBytes(32).toString("base64");
    const both = parseKeyring(`a1:${material},a2:${material}`);
    const stored = encryptSecret(TOKEN, CTX, both);
    expect(() => decryptSecret(replacePart(stored, 1, "a2"), CTX, both)).toThrow(/integrity check/);
  });

  it("names a key id that is not in the keyring", () => {
    const stored = encryptSecret(TOKEN, CTX, parseKeyring(keyB));
    expect(() => decryptSecret(stored, CTX, ring)).toThrow(/key "b2", which is not in FLOWGATE_ENCRYPTION_KEYS/);
  });

  it("fails when the same key id holds a different key", () => {
    const stored = encryptSecret(TOKEN, CTX, ring);
    const impostor = parseKeyring(`a1:${randomBytes(32).toString("base64")}`);
    expect(() => decryptSecret(stored, CTX, impostor)).toThrow(/integrity check/);
  });

  it.each(["", "plain-token", "v3:a1:x:y:z", "v2:a1:AAAA:BBBB", "v2::AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAA==:AA=="])(
    "refuses a malformed envelope %j",
    (stored) => {
      expect(() => decryptSecret(stored, CTX, ring)).toThrow(/not a Flowgate envelope/);
    },
  );

  it("decrypts with an older key after a new one becomes current", () => {
    const old = encryptSecret(TOKEN, CTX, parseKeyring(keyA));
    const rotated = parseKeyring(`${keyB},${keyA}`);
    expect(decryptSecret(old, CTX, rotated)).toBe(TOKEN);
    expect(secretKeyId(encryptSecret(TOKEN, CTX, rotated))).toBe("b2");
  });
});

// Issue 18 item 11: the purpose, organisation and row are authenticated with the ciphertext.
describe("a secret is bound to where it is stored", () => {
  it.each([
    ["another row", { ...CTX, rowId: "cmrow0000000000000000002" }],
    ["another organisation", { ...CTX, organisationId: "cmorg0000000000000000000b" }],
    ["another purpose", { ...CTX, purpose: "source.webhook_secret" as const }],
  ])("fails its integrity check when read as %s's", (_where, elsewhere) => {
    const stored = encryptSecret(TOKEN, CTX, ring);
    expect(() => decryptSecret(stored, elsewhere, ring)).toThrow(/integrity check/);
  });

  it("refuses an unbound v1 envelope outside the re-encryption step, which can still read it", () => {
    const legacy = legacyEnvelope(TOKEN, ring);
    expect(() => decryptSecret(legacy, CTX, ring)).toThrow(/npm run db:migrate/);
    expect(decryptForReencryption(legacy, CTX, ring)).toBe(TOKEN);
  });
});
