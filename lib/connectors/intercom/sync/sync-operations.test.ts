import { describe, expect, it } from "vitest";
import { buildRequests } from "@/lib/destinations/request-builder";
import { defaultDestinationConfig } from "@/lib/destinations/schemas";
import { findEndpoint, findEndpointById } from "../definition";
import { defaultSyncIdentifier, intercomSyncOperations } from "./sync-operations";

describe("sync operations in the catalogue", () => {
  it("list only calls Intercom has, in every version they claim", () => {
    for (const operation of intercomSyncOperations) {
      expect(findEndpointById(operation.id)).toBe(operation);
      expect(findEndpoint(operation.method, operation.path, "2.11")).toBeDefined();
      for (const step of operation.sync.sequence) {
        const [method, path] = step.call.split(" ") as [string, string];
        for (const version of operation.versions)
          expect(
            findEndpoint(method, path.replace("{id}", "{contact_id}"), version),
            `${step.call} in ${version}`,
          ).toBeDefined();
      }
    }
  });

  it("default to external_id when the records carry it, else email", () => {
    expect(defaultSyncIdentifier(["email", "external_id", "plan"])).toBe("external_id");
    expect(defaultSyncIdentifier(["email", "plan"])).toBe("email");
  });

  it("refuse batching: each record runs its own sequence", async () => {
    const config = {
      ...defaultDestinationConfig,
      endpointId: "sync.contacts.upsert",
      urlTemplate: "/contacts",
      batching: { ...defaultDestinationConfig.batching, enabled: true },
    };
    const built = await buildRequests([{ email: "a@example.com" }], config, {
      baseUrl: "https://api.intercom.io",
      maskToken: true,
      runCode: () => {
        throw new Error("no code here");
      },
    });
    expect(built.configErrors.map((e) => e.path.join("."))).toEqual(["config.batching.enabled"]);
  });
});
