import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { sendIntercomRequest } from "@/lib/connectors/intercom/client";
import { dispatchCall } from "@/lib/connectors/intercom/dispatch-call";
import { closeIntercomDispatcher, intercomDispatcher } from "@/lib/connectors/intercom/http-agent";
import {
  intercomOutboundPolicy,
  isOutboundRefusal,
  refusalBeforeLookup,
} from "@/lib/connectors/intercom/outbound-guard";
import { regionBaseUrl } from "@/lib/connectors/intercom/regions";
import { createSandbox, type Sandbox } from "@/sandbox/server";
import { startTinyServer, type TinyServer } from "./support/tiny-server";

// Issue 18 item 9: the sandbox is a host Flowgate trusts (loopback, no address check), and its admin
// API answers for every app in it. So (1) no outbound call may reach /__sandbox, whatever the
// spelling; (2) the admin API wants its own token; (3) without INTERCOM_SANDBOX_URL no sandbox is
// trusted at all (there used to be a default: 127.0.0.1:4010).

const TOKEN = "sandbox-admin-test-token-0123456789";
const savedSandboxUrl = process.env.INTERCOM_SANDBOX_URL;
let sandbox: Sandbox;
let tiny: TinyServer;

beforeAll(async () => {
  sandbox = await createSandbox({ port: 0, logger: { error: () => undefined } });
  tiny = await startTinyServer();
});
afterEach(async () => {
  if (savedSandboxUrl === undefined) delete process.env.INTERCOM_SANDBOX_URL;
  else process.env.INTERCOM_SANDBOX_URL = savedSandboxUrl;
  await closeIntercomDispatcher();
});
afterAll(async () => {
  await sandbox.close();
  await tiny.close();
});

const ADMIN_SPELLINGS = [
  "/__sandbox/requests",
  "/__sandbox/reset",
  "/__sandbox",
  "/__SANDBOX/apps",
  "/%5F%5Fsandbox/requests",
  "/contacts/../__sandbox/requests",
  "//__sandbox/apps",
  "/contacts/%2e%2e/__sandbox/reset",
];

describe("outbound calls never reach the sandbox admin API", () => {
  it("refuses every spelling of /__sandbox through the shared client (destinations, Send Test, sources)", async () => {
    process.env.INTERCOM_SANDBOX_URL = sandbox.url;
    const { token } = sandbox.createApp({ name: "Tenant" });
    await sendIntercomRequest({
      method: "POST",
      baseUrl: sandbox.url,
      path: "/contacts",
      token,
      body: { email: "a@x.io" },
    });
    for (const path of ADMIN_SPELLINGS) {
      const viaBase = await sendIntercomRequest({ method: "POST", baseUrl: sandbox.url, path, token, body: {} });
      expect(viaBase.outcome, path).toBe("permanent");
      expect(viaBase.status, path).toBeUndefined();
      expect(viaBase.errorMessage, path).toMatch(/admin API is not reachable/);
      const viaUrl = await sendIntercomRequest({ method: "GET", url: `${sandbox.url}${path}`, token });
      expect(viaUrl.status, path).toBeUndefined();
      expect(viaUrl.errorMessage, path).toMatch(/admin API is not reachable/);
    }
    // Nothing was reset or listed: the tenant's contact is still there.
    const list = await sendIntercomRequest({ method: "GET", baseUrl: sandbox.url, path: "/contacts", token });
    expect(list.body).toMatchObject({ total_count: 1 });
  });

  it("refuses /__sandbox below the URL builder too, in the dispatcher every Intercom call uses", async () => {
    process.env.INTERCOM_SANDBOX_URL = tiny.url;
    for (const path of ADMIN_SPELLINGS) {
      const refused = await dispatchCall(intercomDispatcher(), {
        origin: tiny.url,
        path,
        method: "GET",
        headers: {},
        timeoutMs: 2_000,
        deadline: performance.now() + 2_000,
        maxBytes: 1_000,
      }).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(isOutboundRefusal(refused), path).toBe(true);
    }
    expect(tiny.requests).toEqual([]);
  });
});

describe("the admin API's own token", () => {
  it("answers 401 without it, even from loopback, and 200 with it", async () => {
    for (const [method, path] of [
      ["GET", "/requests"],
      ["GET", "/apps"],
      ["POST", "/reset"],
    ]) {
      const without = await fetch(`${sandbox.url}/__sandbox${path}`, { method, body: method === "POST" ? "{}" : null });
      expect(without.status, `${method} ${path}`).toBe(401);
      const withAppToken = await fetch(`${sandbox.url}/__sandbox${path}`, {
        method,
        headers: { authorization: `Bearer ${TOKEN}` },
        body: method === "POST" ? "{}" : null,
      });
      expect(withAppToken.status, `${method} ${path}`).toBe(401);
    }
    const allowed = await fetch(`${sandbox.url}/__sandbox/requests`, {
      headers: { authorization: `Bearer ${sandbox.adminToken}` },
    });
    expect(allowed.status).toBe(200);
  });
});

describe("INTERCOM_SANDBOX_URL unset turns the sandbox region off", () => {
  it.each([
    ["unset", undefined],
    ["empty", ""],
    ["off", "off"],
  ])("%s: nothing on loopback is trusted", async (_label, value) => {
    if (value === undefined) delete process.env.INTERCOM_SANDBOX_URL;
    else process.env.INTERCOM_SANDBOX_URL = value;
    expect(intercomOutboundPolicy().trustedOrigins()).toEqual([]);
    expect(refusalBeforeLookup("http://127.0.0.1:4010/me")).toBe("not an Intercom API host or the configured sandbox");
    expect(() => regionBaseUrl("sandbox")).toThrow(/Local sandbox region is turned off/);
    const call = await sendIntercomRequest({ method: "GET", url: "http://127.0.0.1:4010/me", token: TOKEN });
    expect(call.outcome).toBe("permanent");
    expect(call.status).toBeUndefined();
    // Intercom's own regions are untouched.
    expect(regionBaseUrl("eu")).toBe("https://api.eu.intercom.io");
  });
});
