import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { closeIntercomDispatcher } from "@/lib/connectors/intercom/http-agent";
import { createCredential } from "@/lib/credentials/create-credential";
import { resetKeyringCache } from "@/lib/crypto/keyring";
import { DomainError } from "@/lib/errors";
import { appendRecords } from "@/lib/nexsets/append-records";
import { createWebhookSource } from "@/lib/sources/webhook/create-webhook-source";
import { createSandbox, type Sandbox } from "@/sandbox/server";
import { freshDatabase, type TestDatabase } from "@/test/fresh-database";
import { createDestination } from "./create-destination";
import { deleteDestination } from "./delete-destination";
import { getDestination } from "./get-destination";
import { listDestinations } from "./list-destinations";
import { type DestinationConfigInput, defaultDestinationConfig } from "./schemas";
import { sendDestinationTest, sendTest } from "./send-test";
import { updateDestination } from "./update-destination";

let t: TestDatabase;
let sandbox: Sandbox;
let app: { appId: string; token: string };
let orgA: string;
let orgB: string;
let nexsetA: string;
let nexsetB: string;
let credentialA: string;
let credentialB: string;
const saved = { keys: process.env.FLOWGATE_ENCRYPTION_KEYS, sandbox: process.env.INTERCOM_SANDBOX_URL };

const RECORDS = [
  { email: "ada@example.com", name: "Ada Lovelace", external_id: "crm-1", plan: "pro", internal_notes: "vip" },
  { email: "alan@example.com", name: "Alan Turing", external_id: "crm-2", plan: "free", internal_notes: "none" },
  { email: "grace@example.com", name: "Grace Hopper", external_id: "crm-3", plan: "pro", internal_notes: "ok" },
];

async function sandboxRequests(): Promise<{ method: string; path: string }[]> {
  return sandbox.admin.requests({ appId: app.appId });
}

async function seedOrg(name: string): Promise<{ org: string; nexset: string; credential: string }> {
  const org = (await t.db.organisation.create({ data: { name } })).id;
  const { nexsetId } = await createWebhookSource(t.db, org, { name: `${name} signups` });
  await appendRecords(t.db, nexsetId, RECORDS);
  const credential = await createCredential(t.db, org, { name: "Sandbox", region: "sandbox", token: app.token });
  return { org, nexset: nexsetId, credential: credential.id };
}

function config(overrides: Partial<DestinationConfigInput> = {}): DestinationConfigInput {
  return {
    ...defaultDestinationConfig,
    urlTemplate: `${sandbox.url}/contacts`,
    endpointId: "contacts.create",
    ...overrides,
  };
}

async function caught(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

beforeAll(async () => {
  process.env.FLOWGATE_ENCRYPTION_KEYS = `itest:${randomBytes(32).toString("base64")}`;
  resetKeyringCache();
  t = await freshDatabase();
  sandbox = await createSandbox({ port: 0, logger: { error: () => undefined } });
  process.env.INTERCOM_SANDBOX_URL = sandbox.url;
  app = await sandbox.admin.createApp({ name: "Wizard workspace" });
  ({ org: orgA, nexset: nexsetA, credential: credentialA } = await seedOrg("Org A"));
  ({ org: orgB, nexset: nexsetB, credential: credentialB } = await seedOrg("Org B"));
});

beforeEach(async () => {
  process.env.INTERCOM_SANDBOX_URL = sandbox.url;
  await sandbox.admin.reset({ appId: app.appId });
});

afterAll(async () => {
  await sandbox?.close();
  await closeIntercomDispatcher();
  await t?.drop();
  for (const [name, value] of [
    ["FLOWGATE_ENCRYPTION_KEYS", saved.keys],
    ["INTERCOM_SANDBOX_URL", saved.sandbox],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetKeyringCache();
});

describe("destinations: create, update, get, list, delete", () => {
  it("creates a draft at version 1, saves edits as version 2, and lists it only for its organisation", async () => {
    const created = await createDestination(t.db, orgA, {
      name: " Signups → Intercom ",
      nexsetId: nexsetA,
      credentialId: credentialA,
      config: config(),
    });
    expect(created).toMatchObject({
      name: "Signups → Intercom",
      status: "draft",
      configVersion: 1,
      nexsetId: nexsetA,
      credentialId: credentialA,
      responseSource: null,
    });
    expect(created.config.urlTemplate).toBe(`${sandbox.url}/contacts`);
    expect(await t.db.destinationConfigVersion.count({ where: { destinationId: created.id } })).toBe(1);

    const updated = await updateDestination(t.db, orgA, created.id, {
      name: "Signups v2",
      credentialId: credentialA,
      config: config({ excludedAttributes: ["internal_notes"], headersText: "X-Trace:abc" }),
    });
    expect(updated).toMatchObject({ name: "Signups v2", configVersion: 2 });
    expect(updated.config.excludedAttributes).toEqual(["internal_notes"]);
    const versions = await t.db.destinationConfigVersion.findMany({
      where: { destinationId: created.id },
      orderBy: { version: "asc" },
    });
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect((versions[0]!.config as { excludedAttributes: string[] }).excludedAttributes).toEqual([]);

    expect((await getDestination(t.db, orgA, created.id)).configVersion).toBe(2);
    expect((await listDestinations(t.db, orgA, { nexsetId: nexsetA })).map((d) => d.id)).toContain(created.id);
    expect((await listDestinations(t.db, orgB)).map((d) => d.id)).not.toContain(created.id);

    await deleteDestination(t.db, orgA, created.id);
    expect(await t.db.destination.count({ where: { id: created.id } })).toBe(0);
  });

  it("creates the response-webhook source when the destination asks for it", async () => {
    const created = await createDestination(t.db, orgA, {
      name: "With responses",
      nexsetId: nexsetA,
      credentialId: credentialA,
      config: config({ responseWebhook: { enabled: true } }),
    });
    expect(created.responseSource).toEqual({ sourceId: expect.any(String), nexsetId: expect.any(String) });
    const source = await t.db.source.findUnique({ where: { id: created.responseSource!.sourceId } });
    expect(source).toMatchObject({ kind: "response_webhook", organisationId: orgA, originDestinationId: created.id });
  });

  it("answers 404 for another organisation's destination, Nexset or credential, and changes nothing", async () => {
    const mine = await createDestination(t.db, orgA, {
      name: "Mine",
      nexsetId: nexsetA,
      credentialId: credentialA,
      config: config(),
    });
    expect((await caught(getDestination(t.db, orgB, mine.id))).status).toBe(404);
    expect(
      (
        await caught(
          updateDestination(t.db, orgB, mine.id, { name: "Hijack", credentialId: credentialB, config: config() }),
        )
      ).status,
    ).toBe(404);
    expect((await caught(deleteDestination(t.db, orgB, mine.id))).status).toBe(404);
    expect((await caught(sendDestinationTest(t.db, orgB, mine.id, {}))).status).toBe(404);

    const foreignNexset = await caught(
      createDestination(t.db, orgB, { name: "X", nexsetId: nexsetA, credentialId: credentialB, config: config() }),
    );
    expect(foreignNexset).toMatchObject({ status: 404, field: "nexsetId" });
    const foreignCredential = await caught(
      createDestination(t.db, orgB, { name: "X", nexsetId: nexsetB, credentialId: credentialA, config: config() }),
    );
    expect(foreignCredential).toMatchObject({ status: 404, field: "credentialId" });
    const foreignOnUpdate = await caught(
      updateDestination(t.db, orgA, mine.id, { name: "Mine", credentialId: credentialB, config: config() }),
    );
    expect(foreignOnUpdate).toMatchObject({ status: 404, field: "credentialId" });

    expect(await getDestination(t.db, orgA, mine.id)).toMatchObject({
      name: "Mine",
      configVersion: 1,
      credentialId: credentialA,
    });
    expect(await t.db.destination.count({ where: { organisationId: orgB } })).toBe(0);
  });

  it("refuses bad settings at their field and saves nothing", async () => {
    const before = await t.db.destination.count();
    const attempt = (overrides: Partial<DestinationConfigInput>) =>
      caught(
        createDestination(t.db, orgA, {
          name: "Bad",
          nexsetId: nexsetA,
          credentialId: credentialA,
          config: config(overrides),
        }),
      );
    const batching = (patch: Partial<DestinationConfigInput["batching"] & object>) => ({
      batching: { ...defaultDestinationConfig.batching, enabled: true, ...patch },
    });

    expect(await attempt({ urlTemplate: "https://evil.example.com/contacts" })).toMatchObject({
      status: 400,
      field: "config.urlTemplate",
    });
    expect((await attempt({ urlTemplate: "https://evil.example.com/contacts" })).message).toContain(
      "is not your credential's Intercom host",
    );
    expect(await attempt({ headersText: "Authorization:Bearer abc" })).toMatchObject({
      status: 400,
      field: "config.headersText",
    });
    expect(await attempt(batching({ size: 0 }))).toMatchObject({ status: 400, field: "config.batching.size" });
    expect(await attempt(batching({ size: 100_001 }))).toMatchObject({ status: 400, field: "config.batching.size" });
    expect(
      await attempt(batching({ algorithm: "json_object_property", propertyName: "contacts", otherPropsJson: "{oops" })),
    ).toMatchObject({
      field: "config.batching.otherPropsJson",
    });
    const throws = await attempt(
      batching({ algorithm: "code", code: "(records) => {\n  throw new Error('boom');\n}" }),
    );
    expect(throws).toMatchObject({ status: 400, field: "config.batching.code" });
    expect(throws.message).toMatch(/Line 2.*boom/);
    const loops = await attempt(batching({ algorithm: "code", code: "(records) => { while (true) {} }" }));
    expect(loops).toMatchObject({ status: 400, field: "config.batching.code" });
    expect(loops.message).toMatch(/time|long/i);
    expect(await t.db.destination.count()).toBe(before);
  });

  it("refuses to delete a destination that is delivering", async () => {
    const created = await createDestination(t.db, orgA, {
      name: "Busy",
      nexsetId: nexsetA,
      credentialId: credentialA,
      config: config(),
    });
    await t.db.destination.update({ where: { id: created.id }, data: { status: "active" } });
    expect((await caught(deleteDestination(t.db, orgA, created.id))).status).toBe(409);
    expect(await t.db.destination.count({ where: { id: created.id } })).toBe(1);
  });
});

describe("Send Test", () => {
  it("sends the chosen sample request to the sandbox and returns Intercom's answer with the id it created", async () => {
    const result = await sendTest(t.db, orgA, {
      nexsetId: nexsetA,
      credentialId: credentialA,
      config: config({
        excludedAttributes: ["internal_notes", "plan"],
        headersText: "X-Trace:abc",
        intercomVersion: "2.11",
      }),
      requestIndex: 1,
    });
    expect(result).toMatchObject({ outcome: "success", status: 200, recordCount: 1, callId: null });
    const contact = result.body as { id: string; email: string };
    expect(contact.email).toBe("alan@example.com");
    const stored = await sandbox.admin.contacts<{ id: string; email: string }>(app.appId);
    expect(stored.map((c) => [c.id, c.email])).toEqual([[contact.id, "alan@example.com"]]);
    expect(Object.keys(result.rateLimitHeaders).sort()).toEqual([
      "x-ratelimit-limit",
      "x-ratelimit-remaining",
      "x-ratelimit-reset",
    ]);
    // PostgreSQL's jsonb keeps its own key order, so compare the parsed body.
    expect(JSON.parse(result.request.body!)).toEqual({
      email: "alan@example.com",
      name: "Alan Turing",
      external_id: "crm-2",
    });
    expect(result.request.headers["x-trace"]).toBe("abc");
    expect(result.request.headers["intercom-version"]).toBe("2.11");
    expect(JSON.stringify(result)).not.toContain(app.token);
  });

  it("answers a 403 with the permission the connection lacks", async () => {
    sandbox.setFaults({ appId: app.appId, errorRate: 1, errorStatus: 403 });
    try {
      const result = await sendTest(t.db, orgA, { nexsetId: nexsetA, credentialId: credentialA, config: config() });
      expect(result).toMatchObject({ outcome: "permanent", status: 403 });
      expect(result.errorMessage).toContain(
        "Intercom refused: this connection lacks the 'Write users and companies' permission needed by Create a contact",
      );
    } finally {
      sandbox.setFaults({ appId: app.appId, errorRate: 0 });
    }
  });

  it("sends an edited body, and records a saved destination's test in its activity log", async () => {
    const destination = await createDestination(t.db, orgA, {
      name: "Tested",
      nexsetId: nexsetA,
      credentialId: credentialA,
      config: config(),
    });
    const body = JSON.stringify({ email: "edited@example.com", role: "lead" });
    const result = await sendDestinationTest(t.db, orgA, destination.id, { requestIndex: 0, body });
    expect(result).toMatchObject({ status: 200, request: { body } });
    expect((result.body as { role: string }).role).toBe("lead");
    const call = await t.db.deliveryCall.findFirstOrThrow({ where: { destinationId: destination.id } });
    expect(call).toMatchObject({
      kind: "test",
      responseStatus: 200,
      requestBody: body,
      firstSeq: 1,
      lastSeq: 1,
      configVersion: 1,
    });
    expect(result.callId).toBe(call.id.toString());
    expect(JSON.stringify(call.requestHeaders)).not.toContain(app.token);
  });

  it("batches the samples into one Preview bulk request with property-inside-object grouping", async () => {
    const result = await sendTest(t.db, orgA, {
      nexsetId: nexsetA,
      credentialId: credentialA,
      config: config({
        urlTemplate: `${sandbox.url}/contacts/bulk`,
        intercomVersion: "Preview",
        excludedAttributes: ["internal_notes", "plan"],
        batching: {
          ...defaultDestinationConfig.batching,
          enabled: true,
          algorithm: "json_object_property",
          propertyName: "contacts",
          otherPropsJson: "",
        },
      }),
    });
    expect(result.status).toBeLessThan(300);
    expect(result.recordCount).toBe(3);
    expect(JSON.parse(result.request.body!).contacts).toHaveLength(3);
  });

  it("refuses a URL on another host, an invalid edited body, or a missing request, and sends nothing", async () => {
    const base = { nexsetId: nexsetA, credentialId: credentialA };
    const offHost = await caught(
      sendTest(t.db, orgA, { ...base, config: config({ urlTemplate: "https://api.other.example/contacts" }) }),
    );
    expect(offHost).toMatchObject({ status: 400, field: "config.urlTemplate" });
    expect(await caught(sendTest(t.db, orgA, { ...base, config: config(), body: "{not json" }))).toMatchObject({
      status: 400,
      field: "body",
    });
    expect(await caught(sendTest(t.db, orgA, { ...base, config: config(), requestIndex: 7 }))).toMatchObject({
      status: 400,
      field: "requestIndex",
    });
    const code = config({
      batching: {
        ...defaultDestinationConfig.batching,
        enabled: true,
        algorithm: "code",
        code: "(r) => { throw new Error('nope') }",
      },
    });
    expect(await caught(sendTest(t.db, orgA, { ...base, config: code }))).toMatchObject({
      status: 400,
      field: "config.batching.code",
    });
    expect(await caught(sendTest(t.db, orgB, { ...base, config: config() }))).toMatchObject({ status: 404 });
    expect(await sandboxRequests()).toEqual([]);
  });
});
