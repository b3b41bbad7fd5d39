import { describe, expect, it } from "vitest";
import { routePatternOf } from "./route-pattern";

describe("routePatternOf", () => {
  it("prefers the route spec's own pattern", () => {
    expect(routePatternOf({ path: "/api/webhooks/{token}" }, "/api/webhooks/whk_secret", { token: "whk_secret" })).toBe(
      "/api/webhooks/{token}",
    );
  });

  it("puts each route param's name where its value was, for routes without a spec", () => {
    expect(routePatternOf({ auth: "session" }, "/api/api-keys/key%2F1", { id: "key/1" })).toBe("/api/api-keys/{id}");
    expect(routePatternOf({}, "/api/auth/sign-in/email", { all: ["sign-in", "email"] })).toBe("/api/auth/{all}/{all}");
  });
});
