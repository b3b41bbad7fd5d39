import { describe, expect, it } from "vitest";
import { type DestinationContext, validateDestinationAgainstContext } from "./validate-against-context";

const us: DestinationContext = {
  credentialRegionBaseUrl: "https://api.intercom.io",
  allowedHosts: ["http://127.0.0.1:4010"],
};

function messageFor(urlTemplate: string, context: DestinationContext = us): string | undefined {
  const result = validateDestinationAgainstContext({ urlTemplate }, context);
  if (result.ok) return undefined;
  expect(result.errors).toHaveLength(1);
  expect(result.errors[0]!.path).toEqual(["config", "urlTemplate"]);
  return result.errors[0]!.message;
}

describe("validateDestinationAgainstContext", () => {
  it.each([
    "/contacts",
    "/contacts/{contact_id}",
    "https://api.intercom.io/contacts/{id}?x={y}",
    "https://API.INTERCOM.IO/contacts",
    "https://api.intercom.io:443/contacts",
    "http://127.0.0.1:4010/contacts",
  ])("accepts %s", (urlTemplate) => {
    expect(messageFor(urlTemplate)).toBeUndefined();
  });

  it.each([
    "http://127.0.0.1:4010/__sandbox/requests",
    "/__sandbox/reset",
    "/contacts/../__SANDBOX/apps",
    "/%5f%5fsandbox",
  ])("refuses the sandbox admin API at the field: %s", (urlTemplate) => {
    expect(messageFor(urlTemplate, { credentialRegionBaseUrl: "http://127.0.0.1:4010" })).toBe(
      "Paths under /__sandbox (the sandbox's admin API) cannot be called",
    );
  });

  it("accepts the sandbox as the credential's own host", () => {
    expect(
      messageFor("http://127.0.0.1:4010/contacts/{id}", {
        credentialRegionBaseUrl: "http://127.0.0.1:4010",
        allowedHosts: [],
      }),
    ).toBeUndefined();
  });

  it.each([
    ["http://127.0.0.1/contacts", "127.0.0.1 is not your credential's Intercom host (api.intercom.io)"],
    ["http://10.0.0.1/contacts", "10.0.0.1 is not"],
    ["http://169.254.169.254/latest/meta-data", "169.254.169.254 is not"],
    ["http://[::1]/contacts", "[::1] is not"],
    ["http://2130706433/contacts", "127.0.0.1 is not"],
    ["http://0x7f000001/contacts", "127.0.0.1 is not"],
    ["http://0177.0.0.1/contacts", "127.0.0.1 is not"],
    ["https://api.eu.intercom.io/contacts", "api.eu.intercom.io is not"],
    ["https://api.intercom.io.evil.com/contacts", "api.intercom.io.evil.com is not"],
    ["https://evil.com/#@api.intercom.io", "evil.com is not"],
    ["https://evil.com/?https://api.intercom.io", "evil.com is not"],
    ["https://api.intercom.io@evil.com/contacts", "user name or password"],
    ["https://api.intercom.io:pw@evil.com/contacts", "user name or password"],
    ["http://api.intercom.io/contacts", "Use https://"],
    ["https://api.intercom.io:8443/contacts", "Port 8443 is not allowed"],
    ["http://127.0.0.1:4011/contacts", "127.0.0.1:4011 is not"],
    ["javascript:alert(1)", "must start with https://"],
    ["file:///etc/passwd", "must start with https://"],
    ["//evil.com/contacts", 'single "/"'],
  ])("refuses %s", (urlTemplate, message) => {
    expect(messageFor(urlTemplate)).toContain(message);
  });

  it("keeps URLs under a base URL's path", () => {
    const context = { credentialRegionBaseUrl: "http://127.0.0.1:4010/eu" };
    expect(messageFor("/contacts", context)).toBeUndefined();
    expect(messageFor("/../us/contacts", context)).toContain("must start with http://127.0.0.1:4010/eu");
    expect(messageFor("http://127.0.0.1:4010/us/contacts", context)).toContain(
      "must start with http://127.0.0.1:4010/eu",
    );
  });
});
