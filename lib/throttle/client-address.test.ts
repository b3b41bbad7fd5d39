import { describe, expect, it } from "vitest";
import { clientAddress, UNTRUSTED_ADDRESS } from "./client-address";

const forwardedFor = (value: string) => new Headers({ "x-forwarded-for": value });

describe("clientAddress", () => {
  it("trusts no entry without configured proxies: a caller's own X-Forwarded-For buys nothing", () => {
    expect(clientAddress(forwardedFor("203.0.113.9"), 0)).toBe(UNTRUSTED_ADDRESS);
  });

  it("takes the entry our outermost trusted proxy added, not the first (which the caller wrote)", () => {
    expect(clientAddress(forwardedFor("6.6.6.6, 198.51.100.7"), 1)).toBe("198.51.100.7");
    expect(clientAddress(forwardedFor("6.6.6.6, 198.51.100.7, 10.0.0.2"), 2)).toBe("198.51.100.7");
  });

  it("a request that skipped a proxy (too few entries) is untrusted", () => {
    expect(clientAddress(forwardedFor("198.51.100.7"), 2)).toBe(UNTRUSTED_ADDRESS);
    expect(clientAddress(new Headers(), 1)).toBe(UNTRUSTED_ADDRESS);
  });
});
