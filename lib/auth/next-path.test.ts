import { describe, expect, it } from "vitest";
import { isServerRoute, safeNextPath } from "./next-path";

describe("safeNextPath", () => {
  it("keeps same-site paths with their query", () => {
    expect(safeNextPath("/settings")).toBe("/settings");
    expect(safeNextPath("/flows/abc?tab=runs")).toBe("/flows/abc?tab=runs");
  });

  it.each([
    null,
    undefined,
    "",
    "flows",
    "//evil.example",
    "/\\evil.example",
    "https://evil.example",
    "/%0d/x\u0000",
    "/sign-in",
    "/sign-up?x=1",
  ])("falls back to /flows for %j", (next) => {
    expect(safeNextPath(next)).toBe("/flows");
  });
});

describe("isServerRoute", () => {
  it("tells the OAuth callback (a route handler) from pages", () => {
    const callback = safeNextPath("/api/oauth/intercom/callback?code=c&state=s");
    expect(callback).toBe("/api/oauth/intercom/callback?code=c&state=s");
    expect(isServerRoute(callback)).toBe(true);
    expect(isServerRoute("/flows/abc")).toBe(false);
    expect(isServerRoute("/apiary")).toBe(false);
  });
});
