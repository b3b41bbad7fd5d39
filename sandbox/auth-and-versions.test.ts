import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callSandbox, errorCodes, errorMessages, startTestSandbox, type TestSandbox } from "./test-support";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
let t: TestSandbox;

beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(() => t.sandbox.close());

describe("authentication", () => {
  it("answers 401 Access Token Invalid without a token, with a bad token, or with a non-Bearer scheme", async () => {
    const cases = [
      await callSandbox(t.sandbox.url, "GET", "/me"),
      await callSandbox(t.sandbox.url, "GET", "/me", { token: "not-a-token" }),
      await callSandbox(t.sandbox.url, "GET", "/me", { headers: { Authorization: `Basic ${t.token}` } }),
    ];
    for (const result of cases) {
      expect(result.status).toBe(401);
      expect(result.body).toMatchObject({
        type: "error.list",
        errors: [{ code: "unauthorized", message: "Access Token Invalid" }],
      });
      expect((result.body as { request_id: string }).request_id).toMatch(UUID);
      expect(result.headers.get("x-ratelimit-limit")).toBeNull();
    }
  });

  it("identifies the admin and workspace of a valid token, with a request id header matching no other", async () => {
    const a = await t.call("GET", "/me");
    const b = await t.call("GET", "/me");
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({
      type: "admin",
      app: { type: "app", id_code: t.appId, name: "Test workspace", region: "US" },
    });
    expect(a.headers.get("x-request-id")).toMatch(UUID);
    expect(a.headers.get("x-request-id")).not.toBe(b.headers.get("x-request-id"));
  });
});

describe("Intercom-Version", () => {
  it("defaults to 2.16 and echoes the version it answered", async () => {
    expect((await t.call("GET", "/me")).headers.get("intercom-version")).toBe("2.16");
    expect((await t.call("GET", "/me", { version: "2.11" })).headers.get("intercom-version")).toBe("2.11");
    expect((await t.call("GET", "/me", { version: "Preview" })).headers.get("intercom-version")).toBe("Preview");
    expect((await t.call("GET", "/me", { version: "2.3" })).status).toBe(200);
  });

  it("refuses an unknown version and the legacy 1.x API with intercom_version_invalid", async () => {
    for (const version of ["9.9", "banana", "2.17", "1.4"]) {
      const result = await t.call("GET", "/me", { version });
      expect(result.status).toBe(400);
      expect(errorCodes(result.body)).toEqual(["intercom_version_invalid"]);
    }
  });

  it("serves Preview-only and newer endpoints only in the versions that have them", async () => {
    const bulk = { contacts: [{ email: "v@example.com" }] };
    const stable = await t.call("POST", "/contacts/bulk", { body: bulk, version: "2.16" });
    expect(stable.status).toBe(400);
    expect(errorMessages(stable.body)).toEqual(["Requested resource is not available in current API version."]);
    expect((await t.call("POST", "/contacts/bulk", { body: bulk, version: "Preview" })).status).toBe(202);

    expect((await t.call("GET", "/contacts/find_by_external_id/nobody", { version: "2.11" })).status).toBe(400);
    expect((await t.call("GET", "/contacts/find_by_external_id/nobody", { version: "2.14" })).status).toBe(404);
  });

  it("falls back to the stable route a Preview-only path shadows (PUT /contacts/bulk in 2.16 is a contact id)", async () => {
    const result = await t.call("PUT", "/contacts/bulk", { body: { name: "x" }, version: "2.16" });
    expect(result.status).toBe(404);
    expect(errorMessages(result.body)).toEqual(["User Not Found"]);
  });
});

describe("routes Intercom does not have", () => {
  it("answers 404 not_found for PATCH on a contact, POST /notes and unknown paths", async () => {
    const contact = await t.json<{ id: string }>("POST", "/contacts", { body: { email: "route@example.com" } });
    for (const [method, path] of [
      ["PATCH", `/contacts/${contact.id}`],
      ["POST", "/notes"],
      ["GET", "/nope"],
      ["DELETE", "/contacts"],
    ] as const) {
      const result = await t.call(method, path, { body: method === "GET" ? undefined : { body: "x" } });
      expect(result.status, `${method} ${path}`).toBe(404);
      expect(result.body).toMatchObject({
        type: "error.list",
        errors: [{ code: "not_found", message: "Resource Not Found" }],
      });
    }
    expect((await t.call("GET", `/contacts/${contact.id}`)).body).toMatchObject({ email: "route@example.com" });
  });
});
