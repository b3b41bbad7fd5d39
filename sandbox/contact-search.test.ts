import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorCodes, startTestSandbox, type TestSandbox, waitForSearch } from "./test-support";

let t: TestSandbox;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestSandbox({}, { dataAttributes: [{ name: "tier" }, { name: "seats", dataType: "integer" }] });
  const people = [
    {
      email: "ann@acme.io",
      name: "Ann",
      role: "user",
      external_id: "a1",
      custom_attributes: { tier: "gold", seats: 10 },
    },
    {
      email: "bob@acme.io",
      name: "Bob",
      role: "user",
      external_id: "b1",
      custom_attributes: { tier: "silver", seats: 2 },
    },
    { email: "cy@other.org", name: "Cy", role: "lead", custom_attributes: { tier: "gold", seats: 5 } },
  ];
  for (const p of people) ids[p.name] = (await t.json<{ id: string }>("POST", "/contacts", { body: p })).id;
  // The queries below run over a workspace whose contacts are already in the search index.
  await waitForSearch(t.sandbox.url, t.token, { field: "email", operator: "~", value: "@" }, people.length);
}, 20_000); // it waits out the search index lag
afterAll(() => t.sandbox.close());

async function names(query: unknown, sort?: unknown): Promise<string[]> {
  const result = await t.json<{ data: Array<{ name: string }> }>("POST", "/contacts/search", {
    body: { query, ...(sort ? { sort } : {}) },
  });
  return result.data.map((c) => c.name);
}

describe("contact search", () => {
  it.each([
    [{ field: "role", operator: "=", value: "lead" }, ["Cy"]],
    [{ field: "role", operator: "!=", value: "lead" }, ["Ann", "Bob"]],
    [{ field: "email", operator: "~", value: "acme" }, ["Ann", "Bob"]],
    [{ field: "email", operator: "!~", value: "acme" }, ["Cy"]],
    [{ field: "email", operator: "$", value: ".org" }, ["Cy"]],
    [{ field: "name", operator: "IN", value: ["Ann", "Cy"] }, ["Ann", "Cy"]],
    [{ field: "name", operator: "NIN", value: ["Ann", "Cy"] }, ["Bob"]],
    [{ field: "custom_attributes.seats", operator: ">", value: 4 }, ["Ann", "Cy"]],
    [{ field: "custom_attributes.seats", operator: "<", value: 5 }, ["Bob"]],
    [{ field: "external_id", operator: "=", value: null }, ["Cy"]],
  ])("%j", async (query, expected) => {
    expect((await names(query)).sort()).toEqual(expected);
  });

  it("combines filters with AND and OR", async () => {
    const query = {
      operator: "AND",
      value: [
        { field: "custom_attributes.tier", operator: "=", value: "gold" },
        {
          operator: "OR",
          value: [
            { field: "role", operator: "=", value: "lead" },
            { field: "name", operator: "=", value: "Bob" },
          ],
        },
      ],
    };
    expect(await names(query)).toEqual(["Cy"]);
  });

  it("matches dates by calendar day and sorts on request", async () => {
    const today = Math.floor(Date.now() / 1000);
    expect((await names({ field: "created_at", operator: "=", value: today })).sort()).toEqual(["Ann", "Bob", "Cy"]);
    expect(await names({ field: "created_at", operator: ">", value: today })).toEqual([]);
    expect(
      await names(
        { field: "created_at", operator: ">", value: today - 86_400 },
        { field: "name", order: "descending" },
      ),
    ).toEqual(["Cy", "Bob", "Ann"]);
  });

  it("refuses unknown fields, operators unsupported on dates, nesting past two levels and bad sort orders", async () => {
    const refuse = async (body: unknown) => errorCodes((await t.call("POST", "/contacts/search", { body })).body);
    expect(await refuse({ query: { field: "shoe_size", operator: "=", value: 1 } })).toEqual(["parameter_invalid"]);
    expect(await refuse({ query: { field: "created_at", operator: ">=", value: 1 } })).toEqual(["parameter_invalid"]);
    const leaf = { field: "role", operator: "=", value: "user" };
    expect(
      await refuse({
        query: { operator: "AND", value: [{ operator: "OR", value: [{ operator: "AND", value: [leaf] }] }] },
      }),
    ).toEqual(["parameter_invalid"]);
    expect(await refuse({ query: leaf, sort: { field: "name", order: "desc" } })).toEqual(["invalid_sort_order"]);
    expect(await refuse({})).toEqual(["parameter_not_found"]);
  });
});
