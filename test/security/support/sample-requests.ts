import { z } from "zod";
import type { AnyApiRouteSpec } from "@/lib/api/route-spec";
import { defaultDestinationConfig } from "@/lib/destinations/schemas";
import { paramNamesOf, routeKey } from "./route-table";
import type { TenantIds } from "./tenant-world";

// A minimal VALID request for every registered route, so a cross-tenant call gets past parsing
// and reaches the organisation check. Path ids come from one tenant (`target`), ids inside the
// body or query from another (`refs`): the isolation test aims one or the other at B.
// Routes added later without an entry here get a body generated from their zod schema; when that
// is not valid enough, the isolation test fails and names the route to add here.

export interface SampleContext {
  sandboxToken: string;
}

export interface SampleRequest {
  params: Record<string, string>;
  query?: Record<string, string>;
  json?: unknown;
  raw?: string;
  chunked?: boolean;
  headers?: Record<string, string>;
}

const RESOURCE_ID: Record<string, keyof TenantIds> = {
  flows: "flowId",
  sources: "sourceId",
  nexsets: "nexsetId",
  destinations: "destinationId",
  credentials: "credentialId",
};

/** Path params: {id} is the object of the path's resource segment; {callId} a delivery call. */
export function paramsFor(spec: Pick<AnyApiRouteSpec, "path">, ids: TenantIds): Record<string, string> {
  const params: Record<string, string> = {};
  const resource = spec.path.split("/")[3] ?? "";
  for (const name of paramNamesOf(spec.path)) {
    const key = name === "id" ? RESOURCE_ID[resource] : name === "callId" ? "callId" : undefined;
    if (!key)
      throw new Error(`No test id for {${name}} in ${spec.path}: teach test/security/support/sample-requests.ts`);
    params[name] = ids[key];
  }
  return params;
}

const config = () => ({ ...defaultDestinationConfig, method: "POST", urlTemplate: "/contacts" });

type Sample = (refs: TenantIds, ctx: SampleContext) => Omit<SampleRequest, "params">;

const SAMPLES: Record<string, Sample> = {
  "POST /api/v1/flows": () => ({ json: { name: "A new flow" } }),
  "PUT /api/v1/flows/{id}": () => ({ json: { name: "Renamed flow" } }),
  "GET /api/v1/sources": (r) => ({ query: { flowId: r.flowId } }),
  "POST /api/v1/sources": (r) => ({ json: { kind: "webhook", name: "New hook", flowId: r.flowId } }),
  "POST /api/v1/sources/upload": (r) => ({
    query: { fileName: "people.csv", flowId: r.flowId },
    raw: "email,name\nzed@example.com,Zed\n",
    headers: { "content-type": "text/csv" },
  }),
  "PUT /api/v1/sources/{id}": () => ({ json: { name: "Renamed source" } }),
  "POST /api/v1/sources/{id}/upload": () => ({
    query: { fileName: "people.csv" },
    raw: "email,name\nzed@example.com,Zed\n",
    headers: { "content-type": "text/csv" },
  }),
  "GET /api/v1/destinations": (r) => ({ query: { nexsetId: r.nexsetId } }),
  "POST /api/v1/destinations": (r) => ({
    json: { name: "New destination", nexsetId: r.nexsetId, credentialId: r.credentialId, config: config() },
  }),
  "PUT /api/v1/destinations/{id}": (r) => ({
    json: { name: "Renamed destination", credentialId: r.credentialId, config: config() },
  }),
  "POST /api/v1/destinations/test": (r) => ({
    json: { nexsetId: r.nexsetId, credentialId: r.credentialId, config: config() },
  }),
  "POST /api/v1/destinations/{id}/test": (r) => ({ json: { credentialId: r.credentialId } }),
  "POST /api/v1/destinations/default-mapping": (r) => ({
    json: { nexsetId: r.nexsetId, credentialId: r.credentialId, urlTemplate: "/contacts" },
  }),
  "POST /api/v1/credentials/{id}/data-attributes": () => ({
    json: { name: "Plan tier", model: "contact", dataType: "string" },
  }),
  "POST /api/v1/destinations/{id}/errors/replay": (r) => ({ json: { ids: [r.errorRecordId] } }),
  "POST /api/v1/destinations/{id}/errors/discard": (r) => ({ json: { ids: [r.errorRecordId] } }),
  "POST /api/v1/credentials": (_r, ctx) => ({
    json: { name: "Another connection", region: "sandbox", token: ctx.sandboxToken },
  }),
  "POST /api/v1/credentials/test-connection": (_r, ctx) => ({ json: { region: "sandbox", token: ctx.sandboxToken } }),
  "POST /api/v1/credentials/oauth/start": () => ({
    json: { name: "Connected", region: "sandbox", oauthKind: "organisational", returnTo: "/credentials" },
  }),
  "POST /api/v1/credentials/{id}/reconnect": () => ({ json: { returnTo: "/credentials" } }),
  "PATCH /api/v1/credentials/{id}": () => ({ json: { name: "Renamed connection", rateLimitPer10s: 500 } }),
  "PUT /api/v1/credentials/{id}/token": (_r, ctx) => ({ json: { token: ctx.sandboxToken } }),
  "PUT /api/v1/settings/intercom-oauth": () => ({ json: { clientId: "client-id-1", clientSecret: "client-secret-1" } }),
  "POST /api/v1/credentials/{id}/request": () => ({
    json: { method: "GET", path: "/contacts", query: [{ key: "per_page", value: "2" }] },
  }),
};

export function hasCustomSample(spec: AnyApiRouteSpec): boolean {
  return routeKey(spec) in SAMPLES;
}

export function sampleRequest(
  spec: AnyApiRouteSpec,
  target: TenantIds,
  refs: TenantIds,
  ctx: SampleContext,
): SampleRequest {
  const params = paramsFor(spec, target);
  const custom = SAMPLES[routeKey(spec)];
  if (custom) return { params, ...custom(refs, ctx) };
  return {
    params,
    ...(spec.query ? { query: stringValues(minimalValue(jsonSchemaOf(spec.query))) } : {}),
    ...(spec.body ? { json: minimalValue(jsonSchemaOf(spec.body)) } : {}),
  };
}

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minimum?: number;
  minLength?: number;
  default?: unknown;
  items?: JsonSchema;
  minItems?: number;
};

function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
}

/** The smallest value a JSON schema accepts, as far as a plain reading of it goes. */
export function minimalValue(s: JsonSchema): unknown {
  if (s.const !== undefined) return s.const;
  if (s.default !== undefined) return s.default;
  if (s.enum?.length) return s.enum[0];
  const alternative = s.anyOf?.[0] ?? s.oneOf?.[0];
  if (alternative) return minimalValue(alternative);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case "object":
      return Object.fromEntries((s.required ?? []).map((key) => [key, minimalValue(s.properties?.[key] ?? {})]));
    case "array":
      return Array.from({ length: s.minItems ?? 0 }, () => minimalValue(s.items ?? {}));
    case "string":
      return "x".repeat(Math.max(1, s.minLength ?? 1));
    case "integer":
    case "number":
      return s.minimum ?? 1;
    case "boolean":
      return false;
    default:
      return null;
  }
}

function stringValues(value: unknown): Record<string, string> {
  if (typeof value !== "object" || value === null) return {};
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
}
