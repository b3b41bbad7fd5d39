import { describe, expect, it } from "vitest";
import { createDataAttributeSchema } from "./data-attribute-schemas";

describe("createDataAttributeSchema (Intercom's naming rules, before any call)", () => {
  it("takes names like Intercom's own examples and refuses the one it refuses", () => {
    for (const name of ["Mithril Shirt", "plan_tier", "seats", "Prix €", "año-2024"])
      expect(createDataAttributeSchema.safeParse({ name, model: "contact", dataType: "string" }).success).toBe(true);
    for (const name of ["!nv@l!d n@me", "plan.tier", "a[0]", " "]) {
      const parsed = createDataAttributeSchema.safeParse({ name, model: "contact", dataType: "string" });
      expect(parsed.success).toBe(false);
    }
    const refused = createDataAttributeSchema.safeParse({ name: "plan.tier", model: "contact", dataType: "string" });
    expect(refused.error?.issues[0]?.message).toContain("letters, digits, currency symbols, hyphens");
  });

  it("names a bad model or type", () => {
    const parsed = createDataAttributeSchema.safeParse({ name: "x", model: "conversation", dataType: "mithril" });
    expect(parsed.error?.issues.map((issue) => issue.path.join("."))).toEqual(["model", "dataType"]);
  });
});
