import { z } from "zod";
import type { AnyApiRouteSpec } from "../route-spec";
import { toOpenApiSchema, type JsonSchema } from "./json-schema";

const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    field: z.string().optional(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    requestId: z.string().optional(),
  }),
});

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "Invalid input: `issues` names each offending field by its dotted path",
  401: "Missing, malformed or revoked credentials",
  403: "Refused (for example a cross-site request with a session cookie)",
  404: "Not found in the caller's organisation",
  409: "Conflicts with the current state",
  413: "Body too large",
  415: "Body is not JSON",
  429: "Too many requests",
  500: "Unexpected error; `requestId` identifies it in the server log",
  503: "A dependency is down",
};

const SECURITY = {
  public: [],
  session: [{ sessionCookie: [] }],
  "api-key": [{ apiKey: [] }],
  "session-or-api-key": [{ apiKey: [] }, { sessionCookie: [] }],
} as const;

function parametersFor(
  schema: z.ZodType | undefined,
  location: "path" | "query",
  defs: Record<string, JsonSchema>,
): JsonSchema[] {
  if (!schema) return [];
  const json = toOpenApiSchema(schema, "input", defs);
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: location,
    required: location === "path" || required.has(name),
    ...(typeof property.description === "string" ? { description: property.description } : {}),
    schema: property,
  }));
}

function operationFor(route: AnyApiRouteSpec, defs: Record<string, JsonSchema>): JsonSchema {
  const successStatus = String(route.status ?? 200);
  const errorStatuses = new Set([
    500,
    ...(route.auth === "public" ? [] : [401]),
    ...(route.body || route.query || route.params ? [400] : []),
    ...(route.errors ?? []),
  ]);
  const responses: Record<string, JsonSchema> = {
    [successStatus]: route.response
      ? {
          description: "Success",
          content: { "application/json": { schema: toOpenApiSchema(route.response, "output", defs) } },
        }
      : { description: "Success" },
  };
  for (const status of [...errorStatuses].sort()) {
    responses[String(status)] = {
      description: ERROR_DESCRIPTIONS[status] ?? "Error",
      content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
    };
  }
  const parameters = [...parametersFor(route.params, "path", defs), ...parametersFor(route.query, "query", defs)];
  return {
    operationId: route.operationId ?? operationIdFor(route),
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    ...(route.tags ? { tags: route.tags } : {}),
    security: SECURITY[route.auth],
    ...(parameters.length ? { parameters } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { "application/json": { schema: toOpenApiSchema(route.body, "input", defs) } },
          },
        }
      : {}),
    responses,
  };
}

/** get /api/v1/flows/{flowId}/runs → getFlowsFlowIdRuns */
function operationIdFor(route: AnyApiRouteSpec): string {
  const words = route.path
    .replace(/^\/api(\/v1)?/, "")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return route.method.toLowerCase() + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join("");
}

/** An OpenAPI 3.1 document for the given routes. */
export function renderOpenApiDocument(
  routes: readonly AnyApiRouteSpec[],
  options: { serverUrl: string; version: string },
): JsonSchema {
  const defs: Record<string, JsonSchema> = {};
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) {
    const operations = (paths[route.path] ??= {});
    const method = route.method.toLowerCase();
    if (operations[method]) throw new Error(`OpenAPI registry: ${route.method} ${route.path} is registered twice.`);
    operations[method] = operationFor(route, defs);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Flowgate API",
      version: options.version,
      description:
        "Public API of Flowgate. Authenticate with `Authorization: Bearer <API key>` (create keys in Settings).",
    },
    servers: [{ url: options.serverUrl }],
    paths,
    components: {
      schemas: { ...defs, Error: toOpenApiSchema(errorBodySchema, "output", defs) },
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: "An API key: fg_<prefix>_<secret>" },
        sessionCookie: {
          type: "apiKey",
          in: "cookie",
          name: "better-auth.session_token",
          description: "The web app's session (browser only)",
        },
      },
    },
  };
}
