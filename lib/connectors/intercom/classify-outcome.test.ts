import { describe, expect, it } from "vitest";
import { classifyResponse, classifyTransportError, DEFAULT_RATE_LIMIT_WAIT_MS } from "./classify-outcome";
import { CallDeadlineError } from "./dispatch-call";

const NOW = Date.UTC(2025, 0, 1, 12, 0, 0);
const json = (body: unknown) => ({ body, rawBody: JSON.stringify(body) });
const errorList = (code: string, message: string) =>
  json({ type: "error.list", request_id: "r1", errors: [{ code, message }] });

describe("classifyResponse", () => {
  it.each([200, 201, 202, 204])("%i is success", (status) => {
    expect(classifyResponse({ status, headers: {}, ...json({}), now: NOW })).toEqual({ outcome: "success" });
  });

  it("429 waits until X-RateLimit-Reset", () => {
    const reset = Math.floor(NOW / 1000) + 8;
    const result = classifyResponse({
      status: 429,
      headers: { "x-ratelimit-limit": "1666", "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(reset) },
      ...errorList("rate_limit_exceeded", "Exceeded rate limit of 1666 in 10_seconds"),
      now: NOW,
    });
    expect(result.outcome).toBe("rate_limited");
    expect(result.retryAfterMs).toBe(8000);
    expect(result.errors?.[0]?.code).toBe("rate_limit_exceeded");
  });

  it("429 without a reset falls back to Retry-After, then to one 10 s window; a past reset waits 0", () => {
    expect(classifyResponse({ status: 429, headers: { "retry-after": "3" }, ...json({}), now: NOW }).retryAfterMs).toBe(
      3000,
    );
    expect(classifyResponse({ status: 429, headers: {}, ...json({}), now: NOW }).retryAfterMs).toBe(
      DEFAULT_RATE_LIMIT_WAIT_MS,
    );
    const past = {
      "x-ratelimit-limit": "1",
      "x-ratelimit-remaining": "0",
      "x-ratelimit-reset": String(Math.floor(NOW / 1000) - 5),
    };
    expect(classifyResponse({ status: 429, headers: past, ...json({}), now: NOW }).retryAfterMs).toBe(0);
  });

  it.each([500, 502, 503, 504, 408])("%i is retry", (status) => {
    expect(
      classifyResponse({ status, headers: {}, ...errorList("server_error", "Server Error"), now: NOW }).outcome,
    ).toBe("retry");
  });

  it("a 503 with Retry-After carries the wait", () => {
    expect(classifyResponse({ status: 503, headers: { "retry-after": "5" }, ...json({}), now: NOW }).retryAfterMs).toBe(
      5000,
    );
  });

  it("409 is conflict with the existing contact id from Intercom's message", () => {
    const result = classifyResponse({
      status: 409,
      headers: {},
      ...errorList("conflict", "A contact matching those details already exists with id=6762f0ad1bb69f9f2193bb62"),
      now: NOW,
    });
    expect(result).toMatchObject({ outcome: "conflict", existingId: "6762f0ad1bb69f9f2193bb62" });
  });

  it("409 without an id in it is still conflict, without existingId", () => {
    const result = classifyResponse({ status: 409, headers: {}, ...errorList("conflict", "Duplicate"), now: NOW });
    expect(result.outcome).toBe("conflict");
    expect(result.existingId).toBeUndefined();
  });

  it.each([
    [400, "parameter_invalid", "Email is invalid"],
    [401, "unauthorized", "Access Token Invalid"],
    [403, "token_unauthorized", "Not authorized"],
    [404, "not_found", "Resource Not Found"],
    [422, "parameter_invalid", "maximum number of contacts per request is 100"],
  ])("%i is permanent with Intercom's codes", (status, code, message) => {
    const result = classifyResponse({ status, headers: {}, ...errorList(code, message), now: NOW });
    expect(result.outcome).toBe("permanent");
    expect(result.errors).toEqual([{ code, message }]);
    expect(result.errorMessage).toBe(`${status} ${code}: ${message}`);
    // Only a 401 says the token itself is refused (revoked): the connection needs reconnecting.
    expect(result.credentialRejected).toBe(status === 401 ? true : undefined);
  });

  it("a 403 for a known operation names the permission the connection lacks", () => {
    const result = classifyResponse({
      status: 403,
      headers: {},
      ...errorList("forbidden", "Forbidden request"),
      now: NOW,
      operation: { id: "contacts.create", name: "Create a contact" },
    });
    expect(result.outcome).toBe("permanent");
    expect(result.errorMessage).toBe(
      "Intercom refused: this connection lacks the 'Write users and companies' permission needed by Create a contact (403 forbidden: Forbidden request)",
    );
  });

  it("a 403 naming the missing scope names that one permission, even for an operation needing two", () => {
    const result = classifyResponse({
      status: 403,
      headers: {},
      ...errorList("forbidden", "You do not have the required scope (read_users_companies) to access this resource"),
      now: NOW,
      operation: { id: "sync.contacts.update", name: "Update a contact by identifier" },
    });
    expect(result.errorMessage).toMatch(
      /^Intercom refused: this connection lacks the 'Read and list users and companies' permission needed by Update a contact by identifier \(403 forbidden/,
    );
  });

  it("a 403 plan restriction keeps Intercom's words", () => {
    const result = classifyResponse({
      status: 403,
      headers: {},
      ...errorList("api_plan_restricted", "Active subscription needed."),
      now: NOW,
      operation: { id: "contacts.create", name: "Create a contact" },
    });
    expect(result.errorMessage).toBe("403 api_plan_restricted: Active subscription needed.");
  });

  it("a 4xx with a non-Intercom body is permanent with a plain message", () => {
    const result = classifyResponse({
      status: 400,
      headers: {},
      body: "<html>bad</html>",
      rawBody: "<html>bad</html>",
      now: NOW,
    });
    expect(result).toEqual({ outcome: "permanent", errors: undefined, errorMessage: "Intercom answered 400" });
  });

  it("a redirect is reported, not treated as success", () => {
    const result = classifyResponse({
      status: 302,
      headers: { location: "https://evil.example/" },
      body: null,
      rawBody: "",
      now: NOW,
    });
    expect(result.outcome).toBe("permanent");
    expect(result.errorMessage).toContain("https://evil.example/");
  });
});

describe("classifyTransportError", () => {
  it.each(["ECONNRESET", "ECONNREFUSED", "EPIPE", "UND_ERR_SOCKET", "EAI_AGAIN"])("%s is retry", (code) => {
    const error = Object.assign(new Error("boom"), { code });
    expect(classifyTransportError({ error })).toMatchObject({
      outcome: "retry",
      errorMessage: expect.stringContaining(code),
    });
  });

  it("timeouts are retry and say so", () => {
    const headers = Object.assign(new Error("Headers Timeout Error"), { code: "UND_ERR_HEADERS_TIMEOUT" });
    expect(classifyTransportError({ error: headers }).errorMessage).toMatch(/^Timed out/);
    expect(classifyTransportError({ error: new CallDeadlineError() }).errorMessage).toMatch(
      /^Timed out.*FLOWGATE_CALL_TIMEOUT/,
    );
  });

  it("finds the code on a wrapped cause and recognises 'socket hang up'", () => {
    const wrapped = new Error("fetch failed", { cause: Object.assign(new Error("x"), { code: "ECONNRESET" }) });
    expect(classifyTransportError({ error: wrapped }).errorMessage).toContain("ECONNRESET");
    expect(classifyTransportError({ error: new Error("socket hang up") }).errorMessage).toMatch(/^Connection reset/);
  });

  it("a cancelled request is retry (nothing is known to be delivered)", () => {
    expect(classifyTransportError({ error: new Error("This operation was aborted"), aborted: true })).toEqual({
      outcome: "retry",
      errorMessage: "Request cancelled before Intercom answered",
    });
  });
});
