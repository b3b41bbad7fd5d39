import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { legacyEnvelope } from "@/test/crypto/legacy-envelope";
import { freshDatabase, type TestDatabase } from "@/test/fresh-database";
import { parseKeyring } from "./keyring";
import { rotateSecrets } from "./rotate-secrets";
import { decryptSecret, encryptSecret, secretContextFor, secretKeyId } from "./secrets";

let t: TestDatabase;
const oldKey = `old:${randomBytes(32).toString("base64")}`;
const newKey = `new:${randomBytes(32).toString("base64")}`;

beforeAll(async () => {
  t = await freshDatabase();
});
afterAll(() => t.drop());

async function seedCredential(organisationId: string, name: string, cipherFor: (id: string) => string) {
  const id = `cm${name.replace(/\W/g, "")}${randomBytes(6).toString("hex")}`;
  return t.db.credential.create({
    data: {
      id,
      organisationId,
      name,
      region: "us",
      tokenCiphertext: cipherFor(id),
      tokenKeyId: "old",
      tokenLast4: "abcd",
    },
  });
}

describe("rotateSecrets", () => {
  it("re-encrypts every credential token and webhook secret with the current key, once", async () => {
    const before = parseKeyring(oldKey);
    const org = await t.db.organisation.create({ data: { name: "Rotating" } });
    const tokens = ["token-one-abcdefgh", "token-two-abcdefgh"];
    for (const [i, plain] of tokens.entries())
      await seedCredential(org.id, `c${i}`, (id) =>
        encryptSecret(plain, secretContextFor("credential.token", { id, organisationId: org.id }), before),
      );
    const hookId = `cmhook${randomBytes(8).toString("hex")}`;
    await t.db.source.create({
      data: {
        id: hookId,
        organisationId: org.id,
        kind: "webhook",
        name: "hook",
        webhookSecretCipher: encryptSecret(
          "hmac-secret",
          secretContextFor("source.webhook_secret", { id: hookId, organisationId: org.id }),
          before,
        ),
      },
    });
    await t.db.source.create({ data: { organisationId: org.id, kind: "file", name: "no secret" } });

    const during = parseKeyring(`${newKey},${oldKey}`);
    const report = await rotateSecrets(t.db, during);
    expect(report).toEqual({
      currentKeyId: "new",
      credentials: { rotated: 2, alreadyCurrent: 0, changedMeanwhile: 0 },
      webhookSecrets: { rotated: 1, alreadyCurrent: 0, changedMeanwhile: 0 },
      oauthClientSecrets: { rotated: 0, alreadyCurrent: 0, changedMeanwhile: 0 },
    });

    // The old key can now be dropped: everything decrypts with the new key alone.
    const after = parseKeyring(newKey);
    const credentials = await t.db.credential.findMany({ where: { organisationId: org.id }, orderBy: { name: "asc" } });
    expect(credentials.map((row) => row.tokenKeyId)).toEqual(["new", "new"]);
    expect(
      credentials.map((row) => decryptSecret(row.tokenCiphertext, secretContextFor("credential.token", row), after)),
    ).toEqual(tokens);
    const hook = await t.db.source.findFirstOrThrow({ where: { name: "hook" } });
    expect(secretKeyId(hook.webhookSecretCipher as string)).toBe("new");
    expect(
      decryptSecret(hook.webhookSecretCipher as string, secretContextFor("source.webhook_secret", hook), after),
    ).toBe("hmac-secret");

    const again = await rotateSecrets(t.db, during);
    expect(again.credentials).toEqual({ rotated: 0, alreadyCurrent: 2, changedMeanwhile: 0 });
    expect(again.webhookSecrets).toEqual({ rotated: 0, alreadyCurrent: 1, changedMeanwhile: 0 });
  });

  // Issue 18 item 11: rows written before secrets were bound to their row are re-encrypted, bound,
  // by the step `npm start` / `npm run db:migrate` run after the migrations (same key).
  it("binds older v1 secrets to their row and organisation, under the same key", async () => {
    const ring = parseKeyring(newKey);
    const org = await t.db.organisation.create({ data: { name: "Before binding" } });
    const row = await seedCredential(org.id, "legacy", () => legacyEnvelope("legacy-token-wxyz", ring));
    const context = secretContextFor("credential.token", row);
    expect(() => decryptSecret(row.tokenCiphertext, context, ring)).toThrow(/db:migrate/);

    const report = await rotateSecrets(t.db, ring);
    expect(report.credentials).toMatchObject({ rotated: 1 });
    const bound = await t.db.credential.findUniqueOrThrow({ where: { id: row.id } });
    expect(bound.tokenCiphertext).toMatch(/^v2:new:/);
    expect(decryptSecret(bound.tokenCiphertext, context, ring)).toBe("legacy-token-wxyz");
  });

  it("stops with a clear error when an old key is missing, leaving rows as they were", async () => {
    const org = await t.db.organisation.create({ data: { name: "Missing key" } });
    const lost = parseKeyring(`lost:${randomBytes(32).toString("base64")}`);
    const row = await seedCredential(org.id, "orphan", (id) =>
      encryptSecret("orphan-token-abcdef", secretContextFor("credential.token", { id, organisationId: org.id }), lost),
    );
    await expect(rotateSecrets(t.db, parseKeyring(newKey))).rejects.toThrow(/key "lost"/);
    expect((await t.db.credential.findUniqueOrThrow({ where: { id: row.id } })).tokenCiphertext).toBe(
      row.tokenCiphertext,
    );
  });
});
