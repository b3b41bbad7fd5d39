import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, type TestDatabase } from "@/test/fresh-database";
import { DomainError } from "@/lib/errors";
import { signUpWithOrganisation } from "./sign-up";

let t: TestDatabase;

beforeAll(async () => {
  t = await freshDatabase();
});
afterAll(async () => {
  await t.drop();
});

const counts = async () => ({
  organisations: await t.db.organisation.count(),
  users: await t.db.user.count(),
  accounts: await t.db.account.count(),
});

async function expectDomainError(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe("signUpWithOrganisation", () => {
  it("creates the organisation, its owner and a credential account with a hashed password", async () => {
    const result = await signUpWithOrganisation(
      { organisationName: "Acme Ltd", name: "Ada Lovelace", email: "Ada@Example.com", password: "analytical engine 1" },
      t.db,
    );
    const user = await t.db.user.findUniqueOrThrow({
      where: { id: result.userId },
      include: { organisation: true, accounts: true },
    });
    expect(user).toMatchObject({
      email: "ada@example.com",
      name: "Ada Lovelace",
      role: "owner",
      organisationId: result.organisationId,
    });
    expect(user.organisation.name).toBe("Acme Ltd");
    expect(user.accounts).toHaveLength(1);
    expect(user.accounts[0]).toMatchObject({ providerId: "credential", accountId: user.id });
    expect(user.accounts[0]?.password).toMatch(/^[0-9a-f]+:[0-9a-f]+$/); // scrypt salt:key, never the password
    expect(user.accounts[0]?.password).not.toContain("analytical");
  });

  it("refuses a taken email (any case) with 409 on the email field and writes nothing", async () => {
    const before = await counts();
    const error = await expectDomainError(
      signUpWithOrganisation(
        { organisationName: "Other Co", name: "Impostor", email: "ADA@example.com", password: "another password 2" },
        t.db,
      ),
    );
    expect(error).toMatchObject({ status: 409, code: "email_taken", field: "email" });
    expect(await counts()).toEqual(before);
    expect(await t.db.organisation.count({ where: { name: "Other Co" } })).toBe(0);
  });

  it("writes exactly one organisation when two sign-ups race for one email", async () => {
    const before = await counts();
    const attempt = (org: string) =>
      signUpWithOrganisation(
        { organisationName: org, name: "Racer", email: "race@example.com", password: "fast and furious 7" },
        t.db,
      );
    const results = await Promise.allSettled([attempt("Race A"), attempt("Race B"), attempt("Race C")]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results)
      if (r.status === "rejected") expect(r.reason).toMatchObject({ status: 409, field: "email" });
    expect(await counts()).toEqual({
      organisations: before.organisations + 1,
      users: before.users + 1,
      accounts: before.accounts + 1,
    });
  });

  it.each([
    ["too short", "Short1!"],
    ["one character class", "onlylowercaseletters"],
    ["digits only", "123456789012"],
  ])("refuses a weak password (%s) with 400 on the password field and writes nothing", async (_why, password) => {
    const before = await counts();
    const error = await expectDomainError(
      signUpWithOrganisation({ organisationName: "Weak Co", name: "W", email: "weak@example.com", password }, t.db),
    );
    expect(error).toMatchObject({ status: 400, field: "password" });
    expect(await counts()).toEqual(before);
  });

  it.each([
    ["missing fields", { email: "x@example.com" }, "organisationName"],
    ["a bad email", { organisationName: "A", name: "B", email: "not-an-email", password: "good password 1" }, "email"],
    [
      "a smuggled role",
      { organisationName: "A", name: "B", email: "r@example.com", password: "good password 1", role: "owner" },
      "",
    ],
    [
      "wrong types",
      { organisationName: 42, name: ["B"], email: "t@example.com", password: "good password 1" },
      "organisationName",
    ],
  ])("refuses a malformed input (%s) and writes nothing", async (_why, input, field) => {
    const before = await counts();
    const error = await expectDomainError(signUpWithOrganisation(input as never, t.db));
    expect(error.status).toBe(400);
    expect(error.field ?? "").toBe(field);
    expect(await counts()).toEqual(before);
  });
});
