import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, type TestDatabase } from "@/test/fresh-database";
import { parseKeyring } from "./keyring";
import { rotateSecrets } from "./rotate-secrets";
import { decryptSecret, encryptSecret, secretKeyId } from "./secrets";

let t: TestDatabase;
const oldKey = `old:${randomBytes(32).toString("base64")}`;
const newKey = `new:${randomBytes(32).toString("base64")}`;

beforeAll(async () => {
  t = await freshDatabase();
});
afterAll(() => t.drop());

describe("rotateSecrets", () => {
  it("re-encrypts every credential token and webhook secret with the current key, once", async () => {
    const before = parseKeyring(oldKey);
    const org = await t.db.organisation.create({ data: { name: "Rotating" } });
    const tokens = ["token-one-abcdefgh", "token-two-abcdefgh"];
    for (const [i, plain] of tokens.entries()) {
      const cipher = encryptSecret(plain, before);
      await t.db.credential.create({
        data: {
          organisationId: org.id,
          name: `c${i}`,
          region: "us",
          tokenCiphertext: cipher,
          tokenKeyId: "old",
          tokenLast4: plain.slice(-4),
        },
      });
    }
    await t.db.source.create({
      data: {
        organisationId: org.id,
        kind: "webhook",
        name: "hook",
        webhookSecretCipher: encryptSecret("hmac-secret", before),
      },
    });
    await t.db.source.create({ data: { organisationId: org.id, kind: "file", name: "no secret" } });

    const during = parseKeyring(`${newKey},${oldKey}`);
    const report = await rotateSecrets(t.db, during);
    expect(report).toEqual({
      currentKeyId: "new",
      credentials: { rotated: 2, alreadyCurrent: 0, changedMeanwhile: 0 },
      webhookSecrets: { rotated: 1, alreadyCurrent: 0, changedMeanwhile: 0 },
    });

    // The old key can now be dropped: everything decrypts with the new key alone.
    const after = parseKeyring(newKey);
    const credentials = await t.db.credential.findMany({ where: { organisationId: org.id }, orderBy: { name: "asc" } });
    expect(credentials.map((row) => row.tokenKeyId)).toEqual(["new", "new"]);
    expect(credentials.map((row) => decryptSecret(row.tokenCiphertext, after))).toEqual(tokens);
    const hook = await t.db.source.findFirstOrThrow({ where: { name: "hook" } });
    expect(secretKeyId(hook.webhookSecretCipher as string)).toBe("new");
    expect(decryptSecret(hook.webhookSecretCipher as string, after)).toBe("hmac-secret");

    const again = await rotateSecrets(t.db, during);
    expect(again.credentials).toEqual({ rotated: 0, alreadyCurrent: 2, changedMeanwhile: 0 });
    expect(again.webhookSecrets).toEqual({ rotated: 0, alreadyCurrent: 1, changedMeanwhile: 0 });
  });

  it("stops with a clear error when an old key is missing, leaving rows as they were", async () => {
    const org = await t.db.organisation.create({ data: { name: "Missing key" } });
    const lost = parseKeyring(`lost:${randomBytes(32).toString("base64")}`);
    const cipher = encryptSecret("orphan-token-abcdef", lost);
    await t.db.credential.create({
      data: {
        organisationId: org.id,
        name: "orphan",
        region: "us",
        tokenCiphertext: cipher,
        tokenKeyId: "lost",
        tokenLast4: "cdef",
      },
    });
    await expect(rotateSecrets(t.db, parseKeyring(newKey))).rejects.toThrow(/key "lost"/);
    expect((await t.db.credential.findFirstOrThrow({ where: { name: "orphan" } })).tokenCiphertext).toBe(cipher);
  });
});
