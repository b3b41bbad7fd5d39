import { describe, expect, it } from "vitest";
import { bodyFieldsFor, companyBodyFields, contactBodyFields } from "@/lib/connectors/intercom/body-fields";
import type { WorkspaceAttribute } from "./data-attribute-types";
import { defaultMapping } from "./default-mapping";

const contactFields = bodyFieldsFor(contactBodyFields, "2.16");
const custom = (name: string, dataType: string, model: "contact" | "company" = "contact"): WorkspaceAttribute => ({
  name,
  model,
  dataType,
  custom: true,
});

describe("defaultMapping", () => {
  it("maps a flat record to fields and defined custom attributes without any click", () => {
    const { rows, notSent } = defaultMapping({
      attributes: ["email", "name", "plan", "seats"],
      fields: contactFields,
      endpointName: "Create a contact",
      workspaceAttributes: [custom("plan", "string"), custom("seats", "integer"), custom("plan", "string", "company")],
    });
    expect(rows.map((row) => [row.target, row.source, row.type])).toEqual([
      ["email", { kind: "attribute", path: "email" }, "string"],
      ["name", { kind: "attribute", path: "name" }, "string"],
      ["custom_attributes.plan", { kind: "attribute", path: "plan" }, "string"],
      ["custom_attributes.seats", { kind: "attribute", path: "seats" }, "integer"],
    ]);
    expect(rows[0]?.reason).toBe("same name");
    expect(notSent).toEqual([]);
  });

  it("ignores case and separators, prefers closer matches, and says why", () => {
    const { rows, notSent } = defaultMapping({
      attributes: ["Full Name", "E-Mail", "Signup Date", "Name", "Last_Seen_At", "city"],
      fields: contactFields,
      endpointName: "Create a contact",
      workspaceAttributes: [],
    });
    const byTarget = Object.fromEntries(rows.map((row) => [row.target, row]));
    expect(byTarget.name?.source).toEqual({ kind: "attribute", path: "Name" });
    expect(byTarget.name?.reason).toContain("ignoring case");
    expect(byTarget.email?.source).toEqual({ kind: "attribute", path: "E-Mail" });
    expect(byTarget.signed_up_at).toMatchObject({ source: { path: "Signup Date" }, type: "timestamp" });
    expect(byTarget.last_seen_at?.source).toEqual({ kind: "attribute", path: "Last_Seen_At" });
    // "Full Name" would be name only if no closer attribute: here "Name" is closer.
    expect(notSent.map((entry) => entry.attribute)).toEqual(["Full Name", "city"]);
    expect(notSent[1]?.reason).toContain("no contact data attribute");
  });

  it("takes Full Name as name when nothing closer exists", () => {
    const { rows } = defaultMapping({
      attributes: ["Full Name"],
      fields: contactFields,
      endpointName: "Create a contact",
      workspaceAttributes: [],
    });
    expect(rows).toEqual([
      expect.objectContaining({ target: "name", reason: '"Full Name" contains "name" (no closer attribute)' }),
    ]);
  });

  it("uses the company's fields and company data attributes for a company endpoint", () => {
    const { rows } = defaultMapping({
      attributes: ["company_id", "plan", "employees", "tier"],
      fields: bodyFieldsFor(companyBodyFields, "2.16"),
      endpointName: "Create or update a company",
      workspaceAttributes: [custom("tier", "string"), custom("employees", "integer", "company")],
    });
    expect(rows.map((row) => row.target)).toEqual(["company_id", "plan", "custom_attributes.employees"]);
  });
});
