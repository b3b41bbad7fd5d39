import { describe, expect, it } from "vitest";
import { bodyFieldsFor, contactBodyFields } from "@/lib/connectors/intercom/body-fields";
import { defaultMapping } from "@/lib/destinations/mapping/default-mapping";
import { DEMO_CUSTOM_ATTRIBUTES } from "./demo-contacts";
import { demoCrmRecords } from "./demo-crm-export";

describe("the demo's flat CRM export", () => {
  it("is flat, with dates as text and empty cells, and maps to a contact in the demo workspace with no click", async () => {
    const records = await demoCrmRecords();
    expect(records).toHaveLength(12);
    expect(Object.values(records[0]!).every((value) => value === null || typeof value !== "object")).toBe(true);
    expect(typeof records[0]!["Signup Date"]).toBe("string");
    expect(records.some((record) => record.Seats === null)).toBe(true);
    const { rows, notSent } = defaultMapping({
      attributes: Object.keys(records[0]!),
      fields: bodyFieldsFor(contactBodyFields, "2.16"),
      endpointName: "Create a contact",
      workspaceAttributes: DEMO_CUSTOM_ATTRIBUTES.map((a) => ({ ...a, model: "contact" as const, custom: true })),
    });
    expect(rows.map((row) => row.target)).toEqual([
      "email",
      "name",
      "custom_attributes.plan",
      "custom_attributes.seats",
      "signed_up_at",
      "custom_attributes.city",
    ]);
    expect(notSent.map((entry) => entry.attribute)).toEqual(["Lifetime Value"]);
  });
});
