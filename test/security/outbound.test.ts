import type dns from "node:dns";
import { Agent, request } from "undici";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { sendIntercomRequest } from "@/lib/connectors/intercom/client";
import { closeIntercomDispatcher } from "@/lib/connectors/intercom/http-agent";
import { embeddedIpv4, refusedAddressReason } from "@/lib/connectors/intercom/outbound-address";
import {
  createGuardedConnector,
  guardedLookup,
  intercomOutboundPolicy,
  isOutboundRefusal,
  type OutboundPolicy,
  refusalBeforeLookup,
} from "@/lib/connectors/intercom/outbound-guard";
import { startTinyServer, type TinyServer } from "./support/tiny-server";

// Issue 7 item 3: a destination may only call its credential's Intercom host or the configured
// sandbox; private/loopback/link-local addresses are refused at connect time; redirects are not
// followed. These go through the real client (sendIntercomRequest → undici → the guard) with a
// baseUrl that the URL builder accepts, so only the runtime guard stands between them and a call.

const TOKEN = "outbound-test-token-0123456789";
const savedEnv = { sandbox: process.env.INTERCOM_SANDBOX_URL, allow: process.env.FLOWGATE_OUTBOUND_ALLOW_ORIGINS };
let v4: TinyServer;
let v6: TinyServer;

beforeAll(async () => {
  v4 = await startTinyServer();
  v6 = await startTinyServer(undefined, "::1");
});
afterEach(async () => {
  restoreEnv();
  // Pooled keep-alive connections belong to the test that opened them.
  await closeIntercomDispatcher();
});
afterAll(async () => {
  await v4.close();
  await v6.close();
});

function restoreEnv() {
  for (const [key, value] of [
    ["INTERCOM_SANDBOX_URL", savedEnv.sandbox],
    ["FLOWGATE_OUTBOUND_ALLOW_ORIGINS", savedEnv.allow],
  ] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
}

/** Points the sandbox somewhere harmless, so the servers above are NOT the sandbox. */
function sandboxElsewhere() {
  process.env.INTERCOM_SANDBOX_URL = "http://127.0.0.1:1";
  delete process.env.FLOWGATE_OUTBOUND_ALLOW_ORIGINS;
}

describe("refusedAddressReason", () => {
  it.each([
    ["127.0.0.1", /loopback/],
    ["127.255.0.9", /loopback/],
    ["10.0.0.1", /private/],
    ["172.16.5.4", /private/],
    ["172.31.255.255", /private/],
    ["192.168.1.1", /private/],
    ["100.64.0.1", /shared/],
    ["169.254.169.254", /link-local/],
    ["0.0.0.0", /unspecified/],
    ["::1", /loopback/],
    ["::", /unspecified/],
    ["fe80::1", /link-local/],
    ["fc00::1", /unique-local/],
    ["fd12:3456::1", /unique-local/],
    ["::ffff:127.0.0.1", /loopback.*inside the IPv6/],
    ["::ffff:7f00:1", /loopback/],
    ["::ffff:169.254.169.254", /link-local/],
    ["::ffff:a00:1", /private/],
    ["::127.0.0.1", /loopback/],
    ["64:ff9b::a9fe:a9fe", /link-local/],
    ["2002:7f00:1::", /loopback/],
    ["[::1]", /loopback/],
    ["224.0.0.1", /multicast/],
    ["not-an-ip", /not an IP/],
  ])("refuses %s", (address, reason) => {
    expect(refusedAddressReason(address)).toMatch(reason);
  });

  it.each(["8.8.8.8", "104.18.32.7", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "::ffff:8.8.8.8", "2a00:1450::1"])(
    "allows the public address %s",
    (address) => {
      expect(refusedAddressReason(address)).toBeUndefined();
    },
  );

  it("reads the IPv4 inside mapped, NAT64 and 6to4 addresses", () => {
    expect(embeddedIpv4("::ffff:7f00:1")).toBe("127.0.0.1");
    expect(embeddedIpv4("64:ff9b::a00:1")).toBe("10.0.0.1");
    expect(embeddedIpv4("2002:a9fe:a9fe::1")).toBe("169.254.169.254");
    expect(embeddedIpv4("2606:4700::1111")).toBeUndefined();
  });
});

describe("the runtime guard under sendIntercomRequest", () => {
  const hostsOf = () => [
    ["127.0.0.1", v4.url],
    ["10.0.0.1", "http://10.0.0.1"],
    ["169.254.169.254 (cloud metadata)", "http://169.254.169.254"],
    ["[::1]", v6.url],
    ["[::ffff:127.0.0.1]", `http://[::ffff:127.0.0.1]:${v4.port}`],
    ["decimal 2130706433", `http://2130706433:${v4.port}`],
    ["hex 0x7f000001", `http://0x7f000001:${v4.port}`],
    ["octal 017700000001", `http://017700000001:${v4.port}`],
    ["localhost (not the sandbox)", `http://localhost:${v4.port}`],
    ["0.0.0.0", `http://0.0.0.0:${v4.port}`],
  ];

  it("refuses every private, loopback and link-local spelling before connecting, as a permanent error", async () => {
    sandboxElsewhere();
    const before = v4.connections() + v6.connections();
    for (const [label, baseUrl] of hostsOf()) {
      const result = await sendIntercomRequest({
        method: "GET",
        baseUrl: baseUrl as string,
        path: "/me",
        token: TOKEN,
        timeoutMs: 5_000,
      });
      expect(result.outcome, label).toBe("permanent");
      expect(result.status, label).toBeUndefined();
      expect(result.errorMessage, label).toMatch(
        /^Refusing to call http:\/\/.+: (not an Intercom API host or the configured sandbox|.+ is a .+ address)/,
      );
      expect(result.errorMessage, label).not.toContain(TOKEN);
      expect(result.latencyMs, label).toBeLessThan(1_000);
    }
    expect(v4.connections() + v6.connections()).toBe(before);
  });

  it("refuses an off-Intercom host and the userinfo trick https://api.intercom.io@evil.example", async () => {
    sandboxElsewhere();
    const trick = await sendIntercomRequest({
      method: "GET",
      url: "https://api.intercom.io@evil.example/me",
      token: TOKEN,
    });
    expect(trick).toMatchObject({ outcome: "permanent", errorMessage: "URLs with credentials in them are refused" });
    // Below the URL builder, the guard judges the origin actually connected to: evil.example.
    expect(refusalBeforeLookup("https://api.intercom.io@evil.example/")).toBe(
      "the URL carries a user name or password",
    );
    expect(refusalBeforeLookup("https://evil.example/")).toBe("not an Intercom API host or the configured sandbox");
    const offHost = await sendIntercomRequest({
      method: "GET",
      baseUrl: "https://evil.example",
      path: "/me",
      token: TOKEN,
    });
    expect(offHost).toMatchObject({
      outcome: "permanent",
      errorMessage: "Refusing to call https://evil.example: not an Intercom API host or the configured sandbox",
    });
    // Intercom's own hosts pass the pre-connect check (their addresses are checked on lookup).
    expect(refusalBeforeLookup("https://api.intercom.io/me")).toBeUndefined();
    expect(refusalBeforeLookup("http://api.intercom.io/me")).toBe("not an Intercom API host or the configured sandbox");
  });

  it("allows exactly the configured sandbox origin, even on loopback", async () => {
    process.env.INTERCOM_SANDBOX_URL = v4.url;
    const allowed = await sendIntercomRequest({ method: "GET", baseUrl: v4.url, path: "/me", token: TOKEN });
    expect(allowed).toMatchObject({ outcome: "success", status: 200 });
    // Same host, another port: not the sandbox.
    const otherPort = await sendIntercomRequest({ method: "GET", baseUrl: v6.url, path: "/me", token: TOKEN });
    expect(otherPort.outcome).toBe("permanent");
    expect(intercomOutboundPolicy().trustedOrigins()).toContain(v4.url);
  });

  it("does not follow a redirect chain from the sandbox origin to another host", async () => {
    const target = await startTinyServer();
    const hop = await startTinyServer((req, res) => {
      const next = req.url === "/me" ? "/hop2" : `${target.url}/stolen`;
      res.writeHead(302, { location: next }).end();
    });
    try {
      process.env.INTERCOM_SANDBOX_URL = hop.url;
      const result = await sendIntercomRequest({ method: "GET", baseUrl: hop.url, path: "/me", token: TOKEN });
      expect(result).toMatchObject({ outcome: "permanent", status: 302 });
      expect(result.errorMessage).toMatch(/redirect to \/hop2.*does not follow redirects/);
      expect(hop.requests.map((r) => r.url)).toEqual(["/me"]);
      expect(target.connections()).toBe(0);
    } finally {
      await hop.close();
      await target.close();
    }
  });
});

describe("the guard on DNS answers (the address actually connected to)", () => {
  const fakeResolver = (answers: Record<string, string[]>, calls: string[] = []): typeof dns.lookup =>
    ((
      host: string,
      _options: dns.LookupAllOptions,
      callback: (error: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]) => void,
    ) => {
      calls.push(host);
      const list = answers[host];
      if (!list) return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" }), []);
      callback(
        null,
        list.map((address) => ({ address, family: address.includes(":") ? 6 : 4 })),
      );
    }) as unknown as typeof dns.lookup;

  async function callThrough(policy: OutboundPolicy, url: string): Promise<unknown> {
    const agent = new Agent({ connect: createGuardedConnector(policy, { timeout: 2_000 }) });
    try {
      const response = await request(url, { dispatcher: agent });
      await response.body.dump();
      return response.statusCode;
    } catch (error) {
      return error;
    } finally {
      await agent.close();
    }
  }

  it("refuses api.intercom.io when a poisoned resolver answers 169.254.169.254, or a mix with a private address", async () => {
    const calls: string[] = [];
    const policy: OutboundPolicy = {
      allowedOrigins: () => ["https://api.intercom.io"],
      trustedOrigins: () => [],
      lookup: fakeResolver({ "api.intercom.io": ["169.254.169.254"] }, calls),
    };
    const poisoned = await callThrough(policy, "https://api.intercom.io/me");
    expect(isOutboundRefusal(poisoned)).toBe(true);
    expect((poisoned as Error).message).toBe(
      "Refusing to connect to api.intercom.io: it resolves to 169.254.169.254, a link-local (169.254.0.0/16, cloud metadata) address",
    );
    // The lookup is the connection's own: resolved once, by the connect itself.
    expect(calls).toEqual(["api.intercom.io"]);

    const mixed = await callThrough(
      { ...policy, lookup: fakeResolver({ "api.intercom.io": ["104.18.32.7", "10.0.0.1"] }) },
      "https://api.intercom.io/me",
    );
    expect((mixed as Error).message).toMatch(/resolves to 10\.0\.0\.1, a private/);
  });

  it("refuses an allowed (but not trusted) name that resolves to loopback: no connection is made", async () => {
    const origin = `http://localhost:${v4.port}`;
    const before = v4.connections();
    const refused = await callThrough({ allowedOrigins: () => [origin], trustedOrigins: () => [] }, `${origin}/me`);
    expect(isOutboundRefusal(refused)).toBe(true);
    expect((refused as Error).message).toMatch(
      /^Refusing to connect to localhost: it resolves to (127\.0\.0\.1|::1), a loopback/,
    );
    expect(v4.connections()).toBe(before);
    // The same origin, trusted (as the sandbox is), connects.
    expect(await callThrough({ allowedOrigins: () => [origin], trustedOrigins: () => [origin] }, `${origin}/me`)).toBe(
      200,
    );
  });

  it("passes public answers through in the shape net.connect asked for", async () => {
    const lookup = guardedLookup(fakeResolver({ "api.intercom.io": ["104.18.32.7", "2606:4700::6812:2007"] }));
    const all = await new Promise((resolve) =>
      lookup("api.intercom.io", { all: true }, (error, addresses) => resolve({ error, addresses })),
    );
    expect(all).toEqual({
      error: null,
      addresses: [
        { address: "104.18.32.7", family: 4 },
        { address: "2606:4700::6812:2007", family: 6 },
      ],
    });
    const one = await new Promise((resolve) =>
      lookup("api.intercom.io", {}, (error, address, family) => resolve({ error, address, family })),
    );
    expect(one).toEqual({ error: null, address: "104.18.32.7", family: 4 });
  });
});
