import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, type TestDatabase } from "@/test/fresh-database";
import { signUpWithOrganisation } from "@/lib/auth/sign-up";
import { createApiKey, listApiKeys, revokeApiKey } from "./api-keys";
import { authenticateApiKey } from "./authenticate-api-key";

let t: TestDatabase;
let acme: { organisationId: string; userId: string };
let globex: { organisationId: string; userId: string };

beforeAll(async () => {
  t = await freshDatabase();
  acme = await signUpWithOrganisation(
    { organisationName: "Acme", name: "A", email: "a@acme.test", password: "acme password 1" },
    t.db,
  );
  globex = await signUpWithOrganisation(
    { organisationName: "Globex", name: "G", email: "g@globex.test", password: "globex password 1" },
    t.db,
  );
});
afterAll(async () => {
  await t.drop();
});

describe("API keys", () => {
  it("returns the key once and stores only its sha256 and prefix", async () => {
    const { key, apiKey } = await createApiKey(acme, { name: "  CI pipeline " }, t.db);
    expect(key).toMatch(new RegExp(`^fg_${apiKey.prefix}_[0-9A-Za-z]{32}$`));
    expect(apiKey).toMatchObject({
      name: "CI pipeline",
      lastUsedAt: null,
      revokedAt: null,
      createdBy: { id: acme.userId },
    });
    expect(apiKey).not.toHaveProperty("keyHash");
    const row = await t.db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } });
    const secret = key.split("_")[2]!;
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(row.keyHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("lists the organisation's keys without secrets, and none of another organisation's", async () => {
    await createApiKey(globex, { name: "Globex key" }, t.db);
    const listed = await listApiKeys(acme.organisationId, t.db);
    expect(listed.map((k) => k.name)).toEqual(["CI pipeline"]);
    expect(Object.keys(listed[0]!).sort()).toEqual([
      "createdAt",
      "createdBy",
      "id",
      "lastUsedAt",
      "name",
      "prefix",
      "revokedAt",
    ]);
  });

  it("authenticates a Bearer key to its organisation and records lastUsedAt at most once a minute", async () => {
    const { key, apiKey } = await createApiKey(acme, { name: "Usage" }, t.db);
    const t0 = new Date("2030-01-01T00:00:00Z");
    expect(await authenticateApiKey(`Bearer ${key}`, t.db, t0)).toEqual({
      organisationId: acme.organisationId,
      apiKeyId: apiKey.id,
      createdById: acme.userId,
    });
    const lastUsed = async () =>
      (await t.db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } })).lastUsedAt?.toISOString();
    expect(await lastUsed()).toBe(t0.toISOString());
    await authenticateApiKey(`Bearer ${key}`, t.db, new Date(t0.getTime() + 30_000));
    expect(await lastUsed()).toBe(t0.toISOString());
    const t2 = new Date(t0.getTime() + 61_000);
    await authenticateApiKey(`Bearer ${key}`, t.db, t2);
    expect(await lastUsed()).toBe(t2.toISOString());
  });

  it("refuses missing, malformed and unknown keys", async () => {
    const { key } = await createApiKey(acme, { name: "Shape" }, t.db);
    const unknown = key.slice(0, -1) + (key.endsWith("a") ? "b" : "a");
    for (const header of [null, "", key, `Basic ${key}`, `Bearer ${unknown}`, "Bearer fg_00000000_short"]) {
      expect(await authenticateApiKey(header, t.db)).toBeNull();
    }
  });

  it("revokes: the key stops authenticating, stays listed as revoked; revoking twice is harmless", async () => {
    const { key, apiKey } = await createApiKey(acme, { name: "To revoke" }, t.db);
    const revoked = await revokeApiKey(acme.organisationId, apiKey.id, t.db);
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    expect(await authenticateApiKey(`Bearer ${key}`, t.db)).toBeNull();
    const again = await revokeApiKey(acme.organisationId, apiKey.id, t.db);
    expect(again.revokedAt).toEqual(revoked.revokedAt);
    expect((await listApiKeys(acme.organisationId, t.db)).find((k) => k.id === apiKey.id)?.revokedAt).toEqual(
      revoked.revokedAt,
    );
  });

  it("will not revoke another organisation's key (404), which keeps working", async () => {
    const { key, apiKey } = await createApiKey(globex, { name: "Globex prod" }, t.db);
    await expect(revokeApiKey(acme.organisationId, apiKey.id, t.db)).rejects.toMatchObject({
      status: 404,
      code: "not_found",
    });
    expect(await authenticateApiKey(`Bearer ${key}`, t.db)).toMatchObject({ organisationId: globex.organisationId });
  });

  it("refuses a blank or overlong name and writes nothing", async () => {
    const before = await t.db.apiKey.count();
    await expect(createApiKey(acme, { name: "   " }, t.db)).rejects.toMatchObject({ status: 400, field: "name" });
    await expect(createApiKey(acme, { name: "x".repeat(101) }, t.db)).rejects.toMatchObject({
      status: 400,
      field: "name",
    });
    expect(await t.db.apiKey.count()).toBe(before);
  });
});
