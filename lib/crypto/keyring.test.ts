import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readOrCreateKeyFile } from "./key-file";
import { generateKeySpec, loadKeyring, parseKeyring, resetKeyringCache } from "./keyring";
import { decryptSecret, encryptSecret, type SecretContext } from "./secrets";

const CTX: SecretContext = { purpose: "credential.token", organisationId: "org", rowId: "row" };

const b64 = () => randomBytes(32).toString("base64");

describe("parseKeyring", () => {
  it("takes the first key as current and keeps the others for decryption", () => {
    const ring = parseKeyring(`new:${b64()}, old:${b64()}`);
    expect(ring.current.id).toBe("new");
    expect([...ring.byId.keys()]).toEqual(["new", "old"]);
  });

  it.each([
    ["", /holds no key/],
    ["nokey", /keyId:base64/],
    [":abc", /keyId:base64/],
    ["bad id:" + "A".repeat(44), /keyId:base64/],
    ["k1:c2hvcnQ=", /must be 32 bytes/],
    [`k1:${b64()},k1:${b64()}`, /twice/],
  ])("refuses %j", (spec, message) => {
    expect(() => parseKeyring(spec)).toThrow(message);
  });

  it("generates specs it can parse", () => {
    const spec = generateKeySpec(new Date("2025-03-04T00:00:00Z"));
    expect(spec).toMatch(/^k20250304[0-9a-f]{6}:/);
    expect(parseKeyring(spec).current.key).toHaveLength(32);
  });
});

describe("loadKeyring", () => {
  let dir: string;
  const saved = { keys: process.env.FLOWGATE_ENCRYPTION_KEYS, data: process.env.FLOWGATE_DATA_DIR };

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "flowgate-keys-"));
    resetKeyringCache();
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    restore("FLOWGATE_ENCRYPTION_KEYS", saved.keys);
    restore("FLOWGATE_DATA_DIR", saved.data);
    resetKeyringCache();
  });

  it("reads FLOWGATE_ENCRYPTION_KEYS", () => {
    process.env.FLOWGATE_ENCRYPTION_KEYS = `envkey:${b64()}`;
    expect(loadKeyring().current.id).toBe("envkey");
  });

  it("without it, generates <data dir>/encryption-keys (mode 600) once and reuses it", () => {
    delete process.env.FLOWGATE_ENCRYPTION_KEYS;
    process.env.FLOWGATE_DATA_DIR = dir;
    const first = loadKeyring();
    const file = path.join(dir, "encryption-keys");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const stored = encryptSecret("secret", CTX, first);
    resetKeyringCache();
    const second = loadKeyring();
    expect(second.current.id).toBe(first.current.id);
    expect(decryptSecret(stored, CTX, second)).toBe("secret");
    expect(readFileSync(file, "utf8").trim().split("\n")).toHaveLength(1);
  });

  it("readOrCreateKeyFile never overwrites an existing file", () => {
    const file = path.join(dir, "nested", "encryption-keys");
    const first = readOrCreateKeyFile(() => "k1:first", file);
    const second = readOrCreateKeyFile(() => "k2:second", file);
    expect(first).toBe(second);
    expect(second.trim()).toBe("k1:first");
  });
});

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
