import { describe, expect, it } from "vitest";
import { generateApiKey, hashApiKey, isApiKeyShaped, readBearerApiKey } from "./key-format";

describe("generateApiKey", () => {
  it("makes fg_<8 hex>_<32 base62> keys whose hash is sha256 of the whole key", () => {
    const { key, prefix, keyHash } = generateApiKey();
    expect(key).toMatch(/^fg_[0-9a-f]{8}_[0-9A-Za-z]{32}$/);
    expect(key.startsWith(`fg_${prefix}_`)).toBe(true);
    expect(keyHash).toBe(hashApiKey(key));
    expect(keyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(keyHash).not.toContain(key.slice(12));
  });

  it("never repeats itself", () => {
    const keys = new Set(Array.from({ length: 500 }, () => generateApiKey().key));
    expect(keys.size).toBe(500);
  });
});

describe("readBearerApiKey", () => {
  const { key } = generateApiKey();

  it("reads a Bearer key, whatever the scheme's case", () => {
    expect(readBearerApiKey(`Bearer ${key}`)).toBe(key);
    expect(readBearerApiKey(`bearer ${key}`)).toBe(key);
  });

  it("refuses anything that is not exactly one of our keys", () => {
    for (const header of [
      null,
      undefined,
      "",
      key,
      `Basic ${key}`,
      `Bearer ${key} extra`,
      `Bearer ${key}x`,
      "Bearer fg_short_key",
      `Bearer  `,
    ]) {
      expect(readBearerApiKey(header)).toBeNull();
    }
    expect(isApiKeyShaped(key.toUpperCase())).toBe(false);
  });
});
