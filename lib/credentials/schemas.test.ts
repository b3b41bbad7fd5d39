import { describe, expect, it } from "vitest";
import { createCredentialSchema, testConnectionSchema } from "./schemas";

describe("createCredentialSchema", () => {
  it("trims the name and token and defaults to an access token", () => {
    expect(createCredentialSchema.parse({ name: " Main ", region: "eu", token: "\tabc123 \n" })).toEqual({
      name: "Main",
      region: "eu",
      authKind: "access_token",
      token: "abc123",
    });
  });

  it("accepts OAuth with its kind and scopes", () => {
    const parsed = createCredentialSchema.parse({
      name: "o",
      region: "au",
      authKind: "oauth",
      oauthKind: "personal",
      scopes: ["read_tags"],
      token: "t",
    });
    expect(parsed).toMatchObject({ authKind: "oauth", oauthKind: "personal", scopes: ["read_tags"] });
  });

  it.each([
    [{ name: "x", region: "us", token: "" }, "token", "Enter the access token"],
    [{ name: "x", region: "us", token: "a b" }, "token", "The token cannot contain spaces or line breaks"],
    [{ name: "x", region: "us", token: "a\nb" }, "token", "The token cannot contain spaces or line breaks"],
    [{ name: "x", region: "us" }, "token", "Enter the access token"],
    [{ name: "x", region: "US", token: "t" }, "region", "Choose a region: us, eu, au, sandbox"],
    [{ name: " ", region: "us", token: "t" }, "name", "Give the connection a name"],
    [{ name: "x", region: "us", authKind: "basic", token: "t" }, "authKind", undefined],
    [
      { name: "x", region: "us", oauthKind: "personal", token: "t" },
      "oauthKind",
      "OAuth kind and scopes only apply to OAuth tokens",
    ],
  ])("refuses %j at %s", (input, field, message) => {
    const result = createCredentialSchema.safeParse(input);
    expect(result.success).toBe(false);
    const issue = result.error?.issues[0];
    expect(issue?.path.join(".")).toBe(field);
    if (message) expect(issue?.message).toBe(message);
  });

  it("testConnectionSchema needs only region and token", () => {
    expect(testConnectionSchema.parse({ region: "sandbox", token: " t " })).toEqual({ region: "sandbox", token: "t" });
    expect(testConnectionSchema.safeParse({ region: "sandbox" }).success).toBe(false);
  });
});
