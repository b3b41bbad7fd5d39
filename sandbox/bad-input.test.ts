import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorCodes, startTestSandbox, type TestSandbox } from "./test-support";

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(() => t.sandbox.close());

const stillServing = async () => {
  const result = await t.call("GET", "/me");
  expect(result.status).toBe(200);
};

describe("bad input", () => {
  it.each([
    ["truncated JSON", '{"email": "a@'],
    ["not JSON at all", "email=a@example.com"],
    ["a lone brace", "{"],
  ])("%s → 400 parameter_invalid about the JSON", async (_, rawBody) => {
    const result = await t.call("POST", "/contacts", { rawBody });
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({
      type: "error.list",
      errors: [{ code: "parameter_invalid", message: "There was a problem in the JSON you submitted" }],
    });
    await stillServing();
  });

  it.each([
    ["an array body", [1, 2], "parameter_invalid"],
    ["a string body", "hello", "parameter_invalid"],
    ["a number for email", { email: 42 }, "parameter_invalid"],
    ["an object for name", { email: "x@example.com", name: { first: "A" } }, "parameter_invalid"],
    ["a string timestamp", { email: "x@example.com", signed_up_at: "yesterday" }, "parameter_invalid"],
    ["custom_attributes as a list", { email: "x@example.com", custom_attributes: ["a"] }, "parameter_invalid"],
  ])("%s → 400 %s, nothing created", async (_, body, code) => {
    const result = await t.call("POST", "/contacts", { body });
    expect(result.status).toBe(400);
    expect(errorCodes(result.body)[0]).toBe(code);
    expect((await t.json<{ total_count: number }>("GET", "/contacts")).total_count).toBe(0);
  });

  it("names the field at fault", async () => {
    const result = await t.call("POST", "/contacts", { body: { email: "x@example.com", phone: 5 } });
    expect(result.body).toMatchObject({
      errors: [{ code: "parameter_invalid", message: "phone must be a string", field: "phone" }],
    });
  });

  it("refuses a top-level field Intercom does not know, in the request's version, and keeps nothing", async () => {
    const unknown = await t.call("POST", "/contacts", {
      body: { email: "known@example.com", favourite_colour: "blue" },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({
      errors: [{ code: "bad_request", message: "bad 'favourite_colour' parameter" }],
    });
    const tooNew = await t.call("POST", "/contacts", {
      body: { email: "known@example.com", email_verified: true },
      headers: { "Intercom-Version": "2.11" },
    });
    expect(tooNew.body).toMatchObject({ errors: [{ message: "bad 'email_verified' parameter" }] });
    const company = await t.call("POST", "/companies", { body: { company_id: "c1", test: "invalid" } });
    expect(company.body).toMatchObject({ errors: [{ code: "bad_request", message: "bad 'test' parameter" }] });
    expect((await t.json<{ total_count: number }>("GET", "/contacts")).total_count).toBe(0);
    const known = await t.call("POST", "/contacts", { body: { email: "known@example.com", email_verified: true } });
    expect(known.status).toBe(200);
    await t.json("DELETE", `/contacts/${(known.body as { id: string }).id}`);
  });

  it("answers a body over 1 MB with 413 in error.list form and keeps serving", async () => {
    const rawBody = JSON.stringify({ email: "big@example.com", name: "x".repeat(1024 * 1024) });
    const result = await t.call("POST", "/contacts", { rawBody });
    expect(result.status).toBe(413);
    expect(result.body).toMatchObject({ type: "error.list", errors: [{ code: "parameter_invalid" }] });
    await stillServing();
    expect((await t.json<{ total_count: number }>("GET", "/contacts")).total_count).toBe(0);
  });

  it("survives a client that hangs up mid-body", async () => {
    const { request } = await import("node:http");
    const url = new URL(`${t.sandbox.url}/contacts`);
    await new Promise<void>((resolve) => {
      const req = request({
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        headers: { Authorization: `Bearer ${t.token}`, "Content-Length": "1000" },
      });
      req.on("error", () => resolve());
      req.write('{"email":"half');
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 50);
    });
    await stillServing();
  });
});
