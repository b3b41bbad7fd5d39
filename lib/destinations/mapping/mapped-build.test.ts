import { describe, expect, it } from "vitest";
import { createNodeCodeRunner } from "@/lib/code-sandbox/engine-node";
import type { BuildContext } from "../build-types";
import { buildRequests } from "../request-builder";
import { type DestinationConfig, type DestinationConfigInput, destinationConfigSchema } from "../schemas";
import { mapDestinationRecords } from "./map-destination-records";

// The mapping as the ONE request builder applies it: after URLs resolve, before batching.

const ctx: BuildContext = { baseUrl: "https://api.intercom.io", maskToken: true, runCode: createNodeCodeRunner() };
const config = (input: DestinationConfigInput): DestinationConfig => destinationConfigSchema.parse(input);
const attr = (target: string, path: string, type = "auto") => ({
  target,
  source: { kind: "attribute" as const, path },
  type: type as "auto",
});

// As a CSV export gives them: every value text, some cells empty.
const crm = [
  { email: "ada@example.com", full_name: "Ada Lovelace", plan: "pro", seats: "12", signup: "2024-03-01", vip: "yes" },
  { email: "bob@example.com", full_name: "Bob Stone", plan: "", seats: "", signup: "2024-03-02T10:00:00Z", vip: "no" },
];

const contactMapping = {
  enabled: true,
  rows: [
    attr("email", "email", "string"),
    attr("name", "full_name", "string"),
    attr("custom_attributes.plan", "plan", "string"),
    attr("custom_attributes.seats", "seats", "integer"),
    attr("signed_up_at", "signup", "timestamp"),
    attr("custom_attributes.vip", "vip", "boolean"),
  ],
};

describe("buildRequests with a field mapping", () => {
  it("sends the mapped, typed body and omits empty cells", async () => {
    const result = await buildRequests(crm, config({ urlTemplate: "/contacts", mapping: contactMapping }), ctx);
    expect(result.recordErrors).toEqual([]);
    expect(result.requests.map((request) => JSON.parse(request.body!))).toEqual([
      {
        email: "ada@example.com",
        name: "Ada Lovelace",
        custom_attributes: { plan: "pro", seats: 12, vip: true },
        signed_up_at: 1709251200,
      },
      { email: "bob@example.com", name: "Bob Stone", signed_up_at: 1709373600, custom_attributes: { vip: false } },
    ]);
  });

  it("sends null for empty cells when asked", async () => {
    const result = await buildRequests(
      crm.slice(1),
      config({ urlTemplate: "/contacts", mapping: { ...contactMapping, emptyValues: "null" } }),
      ctx,
    );
    expect(JSON.parse(result.requests[0]!.body!).custom_attributes).toEqual({ plan: null, seats: null, vip: false });
  });

  it("makes a record that can't be converted an error record naming attribute, target and value", async () => {
    const records = [crm[0]!, { ...crm[0]!, email: "c@example.com", seats: "twelve" }, crm[1]!];
    const result = await buildRequests(
      records,
      { ...config({ urlTemplate: "/contacts", mapping: contactMapping }) },
      {
        ...ctx,
        firstSeq: 7,
      },
    );
    expect(result.requests.map((request) => request.recordIndexes)).toEqual([[0], [2]]);
    expect(result.recordErrors).toEqual([
      {
        index: 1,
        seq: 8,
        attribute: "seats",
        message: 'Can\'t send attribute "seats" as "custom_attributes.seats": "twelve" is not a whole number (integer)',
      },
    ]);
  });

  it("fills templates and constants, and reads nested paths", async () => {
    const mapping = {
      enabled: true,
      rows: [
        { target: "name", source: { kind: "template" as const, template: "{first} {last}" }, type: "string" as const },
        { target: "role", source: { kind: "constant" as const, value: "lead" }, type: "string" as const },
        {
          target: "custom_attributes.score",
          source: { kind: "constant" as const, value: "7" },
          type: "integer" as const,
        },
        attr("external_id", "body.id", "string"),
      ],
    };
    const result = await buildRequests(
      [{ first: "Ada", last: "", body: { id: "c1" } }],
      config({ urlTemplate: "/contacts", mapping }),
      ctx,
    );
    expect(JSON.parse(result.requests[0]!.body!)).toEqual({
      name: "Ada",
      role: "lead",
      custom_attributes: { score: 7 },
      external_id: "c1",
    });
  });

  it("applies exclusions to source attributes and hands grouping code mapped records", async () => {
    const result = await buildRequests(
      crm,
      config({
        urlTemplate: "/contacts",
        excludedAttributes: ["plan"],
        mapping: contactMapping,
        batching: {
          enabled: true,
          size: 10,
          algorithm: "code",
          code: "(records) => ({ n: records.map((r) => Object.keys(r).join()) })",
        },
      }),
      ctx,
    );
    expect(JSON.parse(result.requests[0]!.body!)).toEqual({
      n: ["email,name,custom_attributes,signed_up_at", "email,name,signed_up_at,custom_attributes"],
    });
  });

  it("keeps today's body when the mapping is off or absent, and resolves URLs from the full record", async () => {
    const off = await buildRequests(
      crm,
      config({ urlTemplate: "/contacts/{email}", mapping: { ...contactMapping, enabled: false } }),
      ctx,
    );
    const absent = await buildRequests(crm, config({ urlTemplate: "/contacts/{email}" }), ctx);
    expect(off.requests.map((request) => request.body)).toEqual(crm.map((record) => JSON.stringify(record)));
    expect(absent.requests).toEqual(off.requests);
  });

  it("reports an unusable constant as a config error at its row, and builds nothing", async () => {
    const mapping = {
      enabled: true,
      rows: [{ target: "x", source: { kind: "constant" as const, value: "{oops" }, type: "auto" as const }],
    };
    const parsed = destinationConfigSchema.safeParse({ urlTemplate: "/contacts", mapping });
    expect(parsed.success).toBe(false);
    const result = await buildRequests(
      crm,
      { ...config({ urlTemplate: "/contacts" }), mapping: { ...mapping, emptyValues: "omit" } },
      ctx,
    );
    expect(result.requests).toEqual([]);
    expect(result.configErrors).toEqual([
      { path: ["config", "mapping", "rows", "0", "source"], message: expect.stringContaining("not valid JSON") },
    ]);
  });
});

describe("mapDestinationRecords", () => {
  it("gives bodies and failures per record, for callers outside the builder", () => {
    const result = mapDestinationRecords([crm[0]!, { seats: "x" }], {
      excludedAttributes: [],
      mapping: config({ urlTemplate: "/contacts", mapping: contactMapping }).mapping,
    });
    expect(Array.isArray(result)).toBe(false);
    if (Array.isArray(result)) return;
    expect(result.bodies[0]).toMatchObject({ email: "ada@example.com" });
    expect(result.bodies[1]).toBeUndefined();
    expect(result.failures).toEqual([
      expect.objectContaining({ index: 1, attribute: "seats", target: "custom_attributes.seats" }),
    ]);
  });
});
