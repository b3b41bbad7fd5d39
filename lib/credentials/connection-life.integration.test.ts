import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeIntercomDispatcher } from "@/lib/connectors/intercom/http-agent";
import { resetKeyringCache } from "@/lib/crypto/keyring";
import { DomainError } from "@/lib/errors";
import { destinationConfigSchema } from "@/lib/destinations/schemas";
import type { Prisma } from "@/lib/generated/prisma/client";
import { createSandbox, type Sandbox } from "@/sandbox/server";
import { freshDatabase, type TestDatabase } from "@/test/fresh-database";
import { createCredential } from "./create-credential";
import { deleteCredential } from "./delete-credential";
import { loadCredentialToken } from "./load-credential-token";
import { replaceCredentialToken } from "./replace-token";
import { getCredentialUsage, updateCredential } from "./update-credential";

let t: TestDatabase;
let sandbox: Sandbox;
let org: string;
const saved = { ...process.env };

beforeAll(async () => {
  t = await freshDatabase();
  sandbox = await createSandbox({ logger: { error: () => undefined } });
  Object.assign(process.env, {
    FLOWGATE_ENCRYPTION_KEYS: `life:${randomBytes(32).toString("base64")}`,
    INTERCOM_SANDBOX_URL: sandbox.url,
  });
  resetKeyringCache();
  org = (await t.db.organisation.create({ data: { name: "Life" } })).id;
});
afterAll(async () => {
  await sandbox?.close();
  await closeIntercomDispatcher();
  await t?.drop();
  process.env = saved;
  resetKeyringCache();
});

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe("a connection's life", () => {
  it("renames and sets its own rate limit, refusing bad values", async () => {
    const acme = sandbox.createApp({ name: "Acme" });
    const credential = await createCredential(t.db, org, { name: "Old name", region: "sandbox", token: acme.token });
    const renamed = await updateCredential(t.db, org, credential.id, { name: "  New name ", rateLimitPer10s: 300 });
    expect(renamed).toMatchObject({ name: "New name", rateLimitPer10s: 300 });
    expect((await updateCredential(t.db, org, credential.id, { rateLimitPer10s: null })).rateLimitPer10s).toBeNull();
    for (const bad of [{}, { rateLimitPer10s: 0 }, { rateLimitPer10s: 1.5 }, { name: "" }])
      expect((await refusal(updateCredential(t.db, org, credential.id, bad))).code).toBe("bad_input");
    expect((await t.db.credential.findUniqueOrThrow({ where: { id: credential.id } })).name).toBe("New name");
  });

  it("replaces the token after GET /me, refusing another workspace unless confirmed", async () => {
    const acme = sandbox.createApp({ name: "Acme Two" });
    const other = sandbox.createApp({ name: "Other workspace" });
    const credential = await createCredential(t.db, org, { name: "Support", region: "sandbox", token: acme.token });
    const sameWorkspace = sandbox.registry.grantToken(sandbox.registry.byId(acme.appId)!);

    const replaced = await replaceCredentialToken(t.db, org, credential.id, { token: sameWorkspace });
    expect(replaced.tokenMasked).toBe(`••••${sameWorkspace.slice(-4)}`);
    expect((await loadCredentialToken(t.db, org, credential.id)).token).toBe(sameWorkspace);

    const elsewhere = await refusal(replaceCredentialToken(t.db, org, credential.id, { token: other.token }));
    expect(elsewhere).toMatchObject({ code: "other_workspace", status: 409 });
    expect(elsewhere.message).toContain("Other workspace");
    expect((await loadCredentialToken(t.db, org, credential.id)).token).toBe(sameWorkspace);
    const refused = await refusal(replaceCredentialToken(t.db, org, credential.id, { token: "not-a-token-1234" }));
    expect(refused.code).toBe("credential_rejected");
    expect((await loadCredentialToken(t.db, org, credential.id)).token).toBe(sameWorkspace);

    const switched = await replaceCredentialToken(t.db, org, credential.id, {
      token: other.token,
      allowOtherWorkspace: true,
    });
    expect(switched.workspaceName).toBe("Other workspace");
  });

  it("lists what uses it, and names the destinations when deleting is refused", async () => {
    const acme = sandbox.createApp({ name: "Acme Three" });
    const credential = await createCredential(t.db, org, { name: "Used", region: "sandbox", token: acme.token });
    const source = await t.db.source.create({
      data: { organisationId: org, kind: "intercom", name: "Contacts pull", credentialId: credential.id },
    });
    const nexset = await t.db.nexset.create({ data: { organisationId: org, sourceId: source.id, name: "n" } });
    await t.db.destination.create({
      data: {
        organisationId: org,
        nexsetId: nexset.id,
        credentialId: credential.id,
        name: "Upsert contacts",
        config: destinationConfigSchema.parse({
          method: "POST",
          urlTemplate: "/contacts",
          endpointId: "sync.contacts.upsert",
        }) as unknown as Prisma.InputJsonValue,
      },
    });
    await t.db.destination.create({
      data: {
        organisationId: org,
        nexsetId: nexset.id,
        credentialId: credential.id,
        name: "Tag VIPs",
        // Typed by hand (no endpointId): matched in the catalogue by method + URL.
        config: destinationConfigSchema.parse({
          method: "POST",
          urlTemplate: "/contacts/{contact_id}/tags",
        }) as unknown as Prisma.InputJsonValue,
      },
    });
    const usage = await getCredentialUsage(t.db, org, credential.id);
    expect(usage).toMatchObject({
      destinations: [
        { name: "Tag VIPs", status: "draft", operation: { id: "tags.attach_to_contact" }, permissions: ["Write tags"] },
        { name: "Upsert contacts", status: "draft", operation: { id: "sync.contacts.upsert" } },
      ],
      sources: [{ name: "Contacts pull" }],
    });
    const byPermission = Object.fromEntries(
      usage.permissions.map((group) => [group.permission, group.operations.map((op) => op.id)]),
    );
    expect(byPermission).toEqual({
      "Write tags": ["tags.attach_to_contact"],
      "Write users and companies": ["sync.contacts.upsert"],
      "Read and list users and companies": ["sync.contacts.upsert"],
    });
    const inUse = await refusal(deleteCredential(t.db, org, credential.id));
    expect(inUse.message).toContain('"Upsert contacts"');
    expect(await t.db.credential.count({ where: { id: credential.id } })).toBe(1);
  });
});
