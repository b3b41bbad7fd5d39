import { OpenAPIBackend } from "openapi-backend";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { defineApiRoute } from "../route-spec";
import { publicApiRoutes } from "./registry";
import { renderOpenApiDocument } from "./render-openapi";

type Doc = {
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components: { schemas: Record<string, unknown> };
};

// openapi-backend checks definitions against the OpenAPI 3.0 meta-schema only (quick mode skips
// that), so it is used here to load the 3.1 document (refs resolve, every path routes) and to
// validate answers against it; the structure is asserted directly. It dereferences in place.
async function loadDocument(document: unknown): Promise<OpenAPIBackend> {
  const api = new OpenAPIBackend({
    definition: structuredClone(document) as never,
    strict: true,
    quick: true,
    validate: true,
  });
  await api.init();
  return api;
}

describe("renderOpenApiDocument", () => {
  it("renders the registry as an OpenAPI 3.1 document that loads, routes and validates answers", async () => {
    const document = renderOpenApiDocument(publicApiRoutes, {
      serverUrl: "http://localhost:3000",
      version: "0.1.0",
    }) as unknown as Doc;
    const api = await loadDocument(document);
    expect(api.matchOperation({ method: "get", path: "/api/v1/me", headers: {} })?.operationId).toBe("getMe");
    const me = {
      organisation: { id: "o", name: "Acme" },
      authenticatedWith: "api-key",
      user: null,
      apiKey: { id: "k", name: "CI", prefix: "abcd1234" },
    };
    expect(api.validateResponse(me, "getMe").errors ?? null).toBeNull();
    expect(api.validateResponse({ ...me, authenticatedWith: "magic" }, "getMe").errors?.length).toBeGreaterThan(0);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(["/api/health", "/api/v1/me", "/api/v1/openapi.json"]),
    );
    expect(document.paths["/api/v1/me"]?.get?.security).toEqual([{ apiKey: [] }, { sessionCookie: [] }]);
    expect(document.paths["/api/health"]?.get?.security).toEqual([]);
    expect(Object.keys(document.paths["/api/v1/me"]?.get?.responses as object)).toEqual(
      expect.arrayContaining(["200", "401", "500"]),
    );
  });

  it("describes params, query, body, dates, BigInts and named schemas", async () => {
    const thing = z.object({ id: z.string() }).meta({ id: "Thing" });
    const route = defineApiRoute({
      method: "POST",
      path: "/api/v1/things/{thingId}",
      summary: "Make a thing",
      auth: "api-key",
      params: z.object({ thingId: z.string() }),
      query: z.object({ dryRun: z.coerce.boolean().optional() }),
      body: z.object({ name: z.string(), size: z.number().int() }),
      response: z.object({ thing, createdAt: z.date(), count: z.bigint() }),
      status: 201,
    });
    const document = renderOpenApiDocument([route], { serverUrl: "http://x", version: "1" }) as unknown as Doc;
    await loadDocument(document);
    const operation = document.paths["/api/v1/things/{thingId}"]?.post as Record<string, unknown>;
    expect(operation.operationId).toBe("postThingsThingId");
    expect(operation.parameters).toEqual([
      { name: "thingId", in: "path", required: true, schema: { type: "string" } },
      { name: "dryRun", in: "query", required: false, schema: { type: "boolean" } },
    ]);
    expect(JSON.stringify(operation.requestBody)).toContain('"required":["name","size"]');
    const created = (
      operation.responses as Record<
        string,
        { content: { "application/json": { schema: { properties: Record<string, unknown> } } } }
      >
    )["201"];
    const properties = created!.content["application/json"].schema.properties;
    expect(properties.createdAt).toEqual({ type: "string", format: "date-time" });
    expect(properties.count).toMatchObject({ type: "string" });
    expect(properties.thing).toEqual({ $ref: "#/components/schemas/Thing" });
    expect(document.components.schemas.Thing).toBeDefined();
  });

  it("refuses a route registered twice", () => {
    const route = defineApiRoute({ method: "GET", path: "/api/v1/x", summary: "x", auth: "public" });
    expect(() => renderOpenApiDocument([route, route], { serverUrl: "http://x", version: "1" })).toThrow(
      /registered twice/,
    );
  });
});
