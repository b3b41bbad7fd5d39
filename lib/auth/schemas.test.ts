import { describe, expect, it } from "vitest";
import { countCharacterClasses, passwordSchema, signInSchema, signUpSchema } from "./schemas";

const valid = {
  organisationName: " Acme Ltd ",
  name: "Ada Lovelace",
  email: " Ada@Example.COM ",
  password: "correct horse 9",
};

describe("passwordSchema", () => {
  it.each([
    ["short1A", "at least 10"],
    ["alllowercaseletters", "two of"],
    ["ALLUPPERCASELETTERS", "two of"],
    ["12345678901234", "two of"],
    ["!!!!!!!!!!!!", "two of"],
    ["a".repeat(129) + "1", "at most 128"],
  ])("refuses %j (%s)", (password, why) => {
    const result = passwordSchema.safeParse(password);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain(why);
  });

  it.each(["lowercase and 1", "Mixedcaseonly", "spaces and !!!!", "0123456789x"])("accepts %j", (password) => {
    expect(passwordSchema.safeParse(password).success).toBe(true);
  });

  it("counts character classes", () => {
    expect(countCharacterClasses("abc")).toBe(1);
    expect(countCharacterClasses("aB1!")).toBe(4);
  });
});

describe("signUpSchema", () => {
  it("trims names and normalises the email", () => {
    expect(signUpSchema.parse(valid)).toEqual({ ...valid, organisationName: "Acme Ltd", email: "ada@example.com" });
  });

  it("names each bad field", () => {
    const result = signUpSchema.safeParse({ organisationName: "  ", name: "", email: "nope", password: "x" });
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual([
      "organisationName",
      "name",
      "email",
      "password",
    ]);
  });

  it("refuses fields it does not know (a role cannot be smuggled in)", () => {
    const result = signUpSchema.safeParse({ ...valid, role: "owner" });
    expect(result.success).toBe(false);
  });
});

describe("signInSchema", () => {
  it("does not apply the strength rule to existing passwords", () => {
    expect(signInSchema.safeParse({ email: "a@b.co", password: "old" }).success).toBe(true);
    expect(signInSchema.safeParse({ email: "a@b.co", password: "" }).success).toBe(false);
  });
});
