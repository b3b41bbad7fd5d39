import { describe, expect, it } from "vitest";
import { renderOpenApiDocument } from "@/lib/api/openapi/render-openapi";
import { publicApiRoutes } from "@/lib/api/openapi/registry";
import { deliveryApiRoutes } from "./api-routes";

describe("the destination page's API in the OpenAPI document", () => {
  it("lists every delivery route with its 401 and its organisation-scoped 404", () => {
    const document = renderOpenApiDocument(publicApiRoutes, {
      serverUrl: "http://localhost:3000",
      version: "test",
    }) as {
      paths: Record<
        string,
        Record<string, { responses: Record<string, unknown>; parameters?: { name: string; in: string }[] }>
      >;
    };
    expect(deliveryApiRoutes).toHaveLength(11);
    for (const route of deliveryApiRoutes) {
      const operation = document.paths[route.path]?.[route.method.toLowerCase()];
      expect(operation, `${route.method} ${route.path}`).toBeDefined();
      expect(Object.keys(operation!.responses)).toEqual(expect.arrayContaining(["401", "404"]));
      expect(operation!.parameters?.filter((p) => p.in === "path").map((p) => p.name)).toEqual(
        route.path.includes("{callId}") ? ["id", "callId"] : ["id"],
      );
    }
    expect(Object.keys(document.paths["/api/v1/destinations/{id}/errors/replay"]!.post!.responses)).toContain("202");
  });
});
