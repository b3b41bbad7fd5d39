import { describe, expect, it } from "vitest";
import { z } from "zod";
import { badInput, conflict, DomainError, isDomainError, notFound, parseInput } from "./errors";

describe("DomainError helpers", () => {
  it("carry code, status and field", () => {
    expect(notFound("Credential")).toMatchObject({ code: "not_found", status: 404, message: "Credential not found" });
    expect(badInput("token", "Enter the token")).toMatchObject({ code: "bad_input", status: 400, field: "token" });
    expect(conflict("Taken", { id: 1 })).toMatchObject({ code: "conflict", status: 409, details: { id: 1 } });
    expect(new DomainError("x", "y").status).toBe(400);
    expect(isDomainError(notFound("x"))).toBe(true);
    expect(isDomainError(new Error("x"))).toBe(false);
    expect(JSON.parse(JSON.stringify(badInput("name", "Too long")))).toEqual({
      code: "bad_input",
      message: "Too long",
      field: "name",
    });
  });

  it("parseInput returns the parsed value or names the first bad field", () => {
    const schema = z.object({ name: z.string().trim().min(1), nested: z.object({ n: z.number() }) });
    expect(parseInput(schema, { name: " a ", nested: { n: 1 } })).toEqual({ name: "a", nested: { n: 1 } });
    const error = (() => {
      try {
        parseInput(schema, { name: "a", nested: { n: "1" } });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: "bad_input", field: "nested.n" });
    expect((error as DomainError).message).toMatch(/^nested\.n: /);
  });
});
