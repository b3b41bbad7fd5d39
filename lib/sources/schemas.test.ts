import { describe, expect, it } from "vitest";
import {
  createIntercomSourceSchema,
  createWebhookSourceSchema,
  intercomSourceConfigSchema,
  updateSourceSchema,
} from "./schemas";

const issuePaths = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  result.error?.issues.map((i) => i.path.join(".")) ?? [];

describe("source schemas", () => {
  it("defaults per_page to 50 and keeps it within Intercom's 1–150", () => {
    expect(intercomSourceConfigSchema.parse({ credentialId: "c1", operation: "list_contacts" })).toEqual({
      credentialId: "c1",
      operation: "list_contacts",
      perPage: 50,
    });
    expect(
      issuePaths(intercomSourceConfigSchema.safeParse({ credentialId: "c1", operation: "list_contacts", perPage: 0 })),
    ).toEqual(["perPage"]);
    expect(
      issuePaths(
        intercomSourceConfigSchema.safeParse({ credentialId: "c1", operation: "list_contacts", perPage: 151 }),
      ),
    ).toEqual(["perPage"]);
    expect(issuePaths(intercomSourceConfigSchema.safeParse({ credentialId: "c1", operation: "list_tickets" }))).toEqual(
      ["operation"],
    );
  });

  it("wants an export range that starts before it ends, with real dates", () => {
    const base = { name: "Export", credentialId: "c1", operation: "content_export" };
    expect(
      createIntercomSourceSchema.safeParse({
        ...base,
        exportRange: { createdAtAfter: "2025-01-01", createdAtBefore: "2025-01-31T23:59:59Z" },
      }).success,
    ).toBe(true);
    expect(
      issuePaths(
        createIntercomSourceSchema.safeParse({
          ...base,
          exportRange: { createdAtAfter: "2025-02-01", createdAtBefore: "2025-01-01" },
        }),
      ),
    ).toEqual(["exportRange.createdAtBefore"]);
    expect(
      issuePaths(
        createIntercomSourceSchema.safeParse({
          ...base,
          exportRange: { createdAtAfter: "yesterday", createdAtBefore: "2025-01-01" },
        }),
      ),
    ).toContain("exportRange.createdAtAfter");
  });

  it("bounds schedules and webhook body limits, and leaves unset fields unset on update", () => {
    expect(
      issuePaths(
        createIntercomSourceSchema.safeParse({
          name: "x",
          credentialId: "c",
          operation: "list_contacts",
          scheduleMinutes: 0,
        }),
      ),
    ).toEqual(["scheduleMinutes"]);
    expect(createWebhookSourceSchema.parse({ name: " Hook " })).toEqual({ name: "Hook", signed: false });
    expect(issuePaths(createWebhookSourceSchema.safeParse({ name: "Hook", maxBodyBytes: 100 }))).toEqual([
      "maxBodyBytes",
    ]);
    expect(updateSourceSchema.parse({ name: "Renamed" })).toEqual({ name: "Renamed" });
    expect(updateSourceSchema.parse({ scheduleMinutes: null })).toEqual({ scheduleMinutes: null });
  });
});
