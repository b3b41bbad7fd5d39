import { afterAll, afterEach, describe, expect, it } from "vitest";
import { sendIntercomRequest } from "./client";
import { closeIntercomDispatcher } from "./http-agent";
import { errorList, type LocalServer, sendJson, startLocalServer } from "./testing/local-server";

const TOKEN = "dG9rOmFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6MDEyMzQ1";
let server: LocalServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});
afterAll(() => closeIntercomDispatcher());

async function serve(handler: Parameters<typeof startLocalServer>[0]) {
  server = await startLocalServer(handler);
  return server;
}

describe("sendIntercomRequest", () => {
  it("sends the token, Intercom-Version and a JSON body, and parses a JSON success with rate-limit headers", async () => {
    const reset = Math.floor(Date.now() / 1000) + 9;
    const local = await serve((req, res) =>
      sendJson(
        res,
        200,
        { type: "contact", id: "c1", echo: JSON.parse(req.body) },
        {
          "x-ratelimit-limit": "1666",
          "x-ratelimit-remaining": "1665",
          "x-ratelimit-reset": String(reset),
        },
      ),
    );
    const result = await sendIntercomRequest({
      baseUrl: local.url,
      method: "POST",
      path: "/contacts",
      token: TOKEN,
      version: "2.14",
      body: { email: "a@example.com" },
    });

    expect(result.outcome).toBe("success");
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ type: "contact", id: "c1", echo: { email: "a@example.com" } });
    expect(result.rateLimit).toEqual({ limit: 1666, remaining: 1665, resetAt: reset * 1000 });
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    const seen = local.requests[0];
    expect(seen?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(seen?.headers["intercom-version"]).toBe("2.14");
    expect(seen?.headers["content-type"]).toBe("application/json");
    expect(seen?.headers.accept).toBe("application/json");
  });

  it("parses a success's body on first read, once, as an own property every result shares the accessor of", async () => {
    const local = await serve((_req, res) => sendJson(res, 200, { type: "contact", id: "c1" }));
    const call = () => sendIntercomRequest({ baseUrl: local.url, method: "GET", path: "/contacts/c1", token: TOKEN });
    const [first, second] = [await call(), await call()];

    expect(first.body).toEqual({ type: "contact", id: "c1" });
    expect(first.body).toBe(first.body);
    // An own enumerable property, as before: spread and JSON carry it.
    expect({ ...first }.body).toEqual({ type: "contact", id: "c1" });
    expect(JSON.parse(JSON.stringify(second)).body).toEqual({ type: "contact", id: "c1" });
    // One getter for every result, not a closure per result: such a closure held each call's strings
    // until a full collection (bench/delivery.ts overhead).
    const accessor = (result: object) => Object.getOwnPropertyDescriptor(result, "body")?.get;
    expect(accessor(first)).toBeTypeOf("function");
    expect(accessor(first)).toBe(accessor(second));
  });

  it("masks the token in the request it reports, and sends a string body byte for byte", async () => {
    const local = await serve((_req, res) => sendJson(res, 200, {}));
    const body = '{"email":"a@example.com",  "name":"spaced"}';
    const result = await sendIntercomRequest({
      baseUrl: local.url,
      method: "POST",
      path: "/contacts",
      token: TOKEN,
      body,
    });
    expect(local.requests[0]?.body).toBe(body);
    expect(result.request.body).toBe(body);
    expect(result.request.headers.authorization).toBe(`Bearer ••••${TOKEN.slice(-4)}`);
    expect(JSON.stringify(result)).not.toContain(TOKEN);
    expect(result.request.headers["intercom-version"]).toBe("2.16");
  });

  it("gives answer headers lower-case names, a repeated one joined with commas", async () => {
    const local = await serve((_req, res) => {
      res.setHeader("X-Request-Id", "r1");
      res.setHeader("Set-Cookie", ["a=1", "b=2"]);
      sendJson(res, 200, {});
    });
    const result = await sendIntercomRequest({ baseUrl: local.url, method: "GET", path: "/me", token: TOKEN });
    expect(result.headers["x-request-id"]).toBe("r1");
    expect(result.headers["set-cookie"]).toBe("a=1, b=2");
  });

  it("a signal aborted before the call makes no request and is marked cancelled", async () => {
    const local = await serve((_req, res) => sendJson(res, 200, {}));
    const result = await sendIntercomRequest({
      baseUrl: local.url,
      method: "GET",
      path: "/me",
      token: TOKEN,
      signal: AbortSignal.abort(),
    });
    expect(result).toMatchObject({ outcome: "retry", errorMessage: "Request cancelled before Intercom answered" });
    expect(local.requests).toHaveLength(0);
  });

  it("never lets caller headers replace Authorization", async () => {
    const local = await serve((_req, res) => sendJson(res, 200, {}));
    await sendIntercomRequest({
      baseUrl: local.url,
      method: "GET",
      path: "/me",
      token: TOKEN,
      headers: { Authorization: "Bearer stolen", "X-Custom": "yes" },
    });
    expect(local.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(local.requests[0]?.headers["x-custom"]).toBe("yes");
  });

  it("adds query parameters and encodes them", async () => {
    const local = await serve((_req, res) => sendJson(res, 200, { data: [] }));
    await sendIntercomRequest({
      baseUrl: local.url,
      method: "GET",
      path: "/contacts",
      query: { per_page: 150, starting_after: "a b", skip: undefined },
      token: TOKEN,
    });
    expect(local.requests[0]?.url).toBe("/contacts?per_page=150&starting_after=a+b");
  });

  it("reports 429 as rate_limited with the wait until X-RateLimit-Reset", async () => {
    const reset = Math.floor(Date.now() / 1000) + 6;
    const local = await serve((_req, res) =>
      sendJson(res, 429, errorList("rate_limit_exceeded", "Exceeded rate limit of 1666 in 10_seconds"), {
        "x-ratelimit-limit": "1666",
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": String(reset),
      }),
    );
    const result = await sendIntercomRequest({
      baseUrl: local.url,
      method: "POST",
      path: "/contacts",
      token: TOKEN,
      body: {},
    });
    expect(result.outcome).toBe("rate_limited");
    expect(result.rateLimit?.remaining).toBe(0);
    expect(result.retryAfterMs).toBeGreaterThan(4000);
    expect(result.retryAfterMs).toBeLessThanOrEqual(6000);
    expect(result.errors?.[0]?.code).toBe("rate_limit_exceeded");
  });

  it("reports 409 as conflict with the existing id, 401 as permanent with Intercom's code, 503 as retry", async () => {
    const local = await serve((req, res) => {
      if (req.url === "/conflict")
        return sendJson(
          res,
          409,
          errorList("conflict", "A contact matching those details already exists with id=abc123def456"),
        );
      if (req.url === "/auth") return sendJson(res, 401, errorList("unauthorized", "Access Token Invalid"));
      return sendJson(res, 503, errorList("service_unavailable", "Sorry, the API service is temporarily unavailable"));
    });
    const send = (path: string) =>
      sendIntercomRequest({ baseUrl: local.url, method: "POST", path, token: TOKEN, body: {} });
    expect(await send("/conflict")).toMatchObject({ outcome: "conflict", status: 409, existingId: "abc123def456" });
    expect(await send("/auth")).toMatchObject({
      outcome: "permanent",
      status: 401,
      errors: [{ code: "unauthorized", message: "Access Token Invalid" }],
    });
    expect(await send("/down")).toMatchObject({ outcome: "retry", status: 503 });
  });

  it("does not follow a redirect: a 302 is reported and its target never called", async () => {
    const local = await serve((req, res) => {
      if (req.url === "/moved") {
        res.writeHead(302, { location: "/elsewhere" });
        return res.end();
      }
      sendJson(res, 200, { reached: true });
    });
    const result = await sendIntercomRequest({ baseUrl: local.url, method: "GET", path: "/moved", token: TOKEN });
    expect(result).toMatchObject({ outcome: "permanent", status: 302 });
    expect(result.errorMessage).toContain("does not follow redirects");
    expect(local.requests.map((req) => req.url)).toEqual(["/moved"]);
  });

  it("times out a slow answer as retry, within the deadline", async () => {
    const local = await serve(() => undefined); // never answers
    const started = Date.now();
    const result = await sendIntercomRequest({
      baseUrl: local.url,
      method: "GET",
      path: "/me",
      token: TOKEN,
      timeoutMs: 300,
    });
    expect(result.outcome).toBe("retry");
    expect(result.status).toBeUndefined();
    expect(result.errorMessage).toMatch(/^Timed out/);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("times out an answer whose body trickles in past the deadline, though never idle for long", async () => {
    const local = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      const timer = setInterval(() => res.write(" "), 50);
      res.on("close", () => clearInterval(timer));
    });
    const started = Date.now();
    const result = await sendIntercomRequest({
      baseUrl: local.url,
      method: "GET",
      path: "/me",
      token: TOKEN,
      timeoutMs: 300,
    });
    expect(result).toMatchObject({
      outcome: "retry",
      errorMessage: expect.stringMatching(/^Timed out.*FLOWGATE_CALL_TIMEOUT/),
    });
    expect(result.status).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("a connection reset mid-request is retry", async () => {
    const local = await serve((_req, _res, socket) => socket.destroy());
    const result = await sendIntercomRequest({
      baseUrl: local.url,
      method: "POST",
      path: "/contacts",
      token: TOKEN,
      body: {},
    });
    expect(result.outcome).toBe("retry");
    expect(result.status).toBeUndefined();
    expect(result.errorMessage).toMatch(/UND_ERR_SOCKET|ECONNRESET|other side closed|socket hang up/);
  });

  it("a refused connection is retry", async () => {
    const local = await serve((_req, res) => sendJson(res, 200, {}));
    const url = local.url;
    await local.close();
    server = undefined;
    const result = await sendIntercomRequest({ baseUrl: url, method: "GET", path: "/me", token: TOKEN });
    expect(result).toMatchObject({ outcome: "retry", errorMessage: expect.stringContaining("ECONNREFUSED") });
  });

  it("a caller's abort ends the request as retry, marked cancelled", async () => {
    const local = await serve(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const result = await sendIntercomRequest({
      baseUrl: local.url,
      method: "GET",
      path: "/me",
      token: TOKEN,
      signal: controller.signal,
    });
    expect(result).toMatchObject({ outcome: "retry", errorMessage: "Request cancelled before Intercom answered" });
  });

  it("one abort ends every call still in flight under its signal; calls already answered keep their answers", async () => {
    // "/fast" answers at once; every other path never answers.
    const local = await serve((req, res) => (req.url === "/fast" ? sendJson(res, 200, { ok: true }) : undefined));
    const controller = new AbortController();
    const send = (path: string) =>
      sendIntercomRequest({ baseUrl: local.url, method: "GET", path, token: TOKEN, signal: controller.signal });
    const slow = [send("/slow-1"), send("/slow-2")];
    const answered = [await send("/fast"), await send("/fast")];
    slow.push(send("/slow-3"));
    setTimeout(() => controller.abort(), 50);

    expect(answered.map((result) => result.outcome)).toEqual(["success", "success"]);
    for (const result of await Promise.all(slow))
      expect(result).toMatchObject({ outcome: "retry", errorMessage: "Request cancelled before Intercom answered" });
  });

  it("keeps connections alive: twenty sequential calls reuse their sockets", async () => {
    const local = await serve((_req, res) => sendJson(res, 200, { ok: true }));
    for (let i = 0; i < 20; i++)
      await sendIntercomRequest({ baseUrl: local.url, method: "GET", path: "/me", token: TOKEN });
    expect(local.requests).toHaveLength(20);
    // undici may open a second socket while the first is being released; never one per call.
    expect(local.connections()).toBeLessThanOrEqual(2);
  });

  it("refuses to send the token to another host, without any network call", async () => {
    const local = await serve((_req, res) => sendJson(res, 200, {}));
    const other = await startLocalServer((_req, res) => sendJson(res, 200, {}));
    try {
      const result = await sendIntercomRequest({
        baseUrl: local.url,
        url: `${other.url}/contacts`,
        method: "GET",
        token: TOKEN,
      });
      expect(result).toMatchObject({
        outcome: "permanent",
        errorMessage: expect.stringContaining("Refusing to send the Intercom token"),
      });
      const noBase = await sendIntercomRequest({ url: `${other.url}/contacts`, method: "GET", token: TOKEN });
      expect(noBase.outcome).toBe("permanent");
      expect(other.requests).toHaveLength(0);
    } finally {
      await other.close();
    }
  });

  it("keeps raw bytes for buffer responses and caps oversized answers", async () => {
    const payload = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xff, 0x00]);
    const local = await serve((req, res) => {
      res.writeHead(200, { "content-type": req.url === "/big" ? "text/plain" : "application/octet-stream" });
      res.end(req.url === "/big" ? "x".repeat(5000) : payload);
    });
    const bytes = await sendIntercomRequest({
      baseUrl: local.url,
      method: "GET",
      path: "/download",
      token: TOKEN,
      responseType: "buffer",
    });
    expect(bytes.bodyBytes?.equals(payload)).toBe(true);
    const big = await sendIntercomRequest({
      baseUrl: local.url,
      method: "GET",
      path: "/big",
      token: TOKEN,
      maxResponseBytes: 1000,
    });
    expect(big.rawBody).toHaveLength(1000);
    expect(big.errorMessage).toContain("truncated");
  });
});
