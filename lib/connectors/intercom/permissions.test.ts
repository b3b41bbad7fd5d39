import { describe, expect, it } from "vitest";
import { intercomEndpoints } from "./endpoints";
import { hasPermissionRecord, INTERCOM_PERMISSIONS, missingPermissionMessage, permissionsFor } from "./permissions";
import { intercomSyncOperations } from "./sync/sync-operations";

const operations = [...intercomEndpoints, ...intercomSyncOperations];

describe("the Intercom permission each catalogue operation needs", () => {
  it.each(operations.map((operation) => [operation.id] as const))("%s records its permission", (id) => {
    expect(hasPermissionRecord(id)).toBe(true);
    for (const permission of permissionsFor(id)) expect(INTERCOM_PERMISSIONS).toContain(permission);
  });

  it("writes need a write permission, reads never do", () => {
    for (const operation of intercomEndpoints) {
      const needed = permissionsFor(operation.id);
      if (operation.access === "write" && operation.method !== "GET")
        expect(needed.some((permission) => /^(Write|Read and write|Export)/.test(permission))).toBe(true);
    }
    expect(permissionsFor("contacts.search")).toEqual(["Read and list users and companies"]);
    expect(permissionsFor("me.get")).toEqual([]);
  });

  it("names the missing permission and the operation for a 403", () => {
    expect(missingPermissionMessage("contacts.create", "Create a contact")).toBe(
      "Intercom refused: this connection lacks the 'Write users and companies' permission needed by Create a contact",
    );
    expect(missingPermissionMessage("sync.contacts.update", "Update a contact by identifier")).toBe(
      "Intercom refused: this connection lacks the 'Read and list users and companies' and 'Write users and companies' permissions needed by Update a contact by identifier",
    );
    expect(missingPermissionMessage("me.get", "Who am I")).toBeUndefined();
    expect(missingPermissionMessage("unknown.op", "Unknown")).toBeUndefined();
  });
});
