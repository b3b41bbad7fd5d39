import { HTTP_METHODS } from "@/lib/connectors/types";
import type { EndpointDefinition } from "@/lib/connectors/types";
import { bodyFieldsFor } from "@/lib/connectors/intercom/body-fields";
import type { BuiltRequest, CatalogueLookup } from "./build-types";
import type { DestinationConfig } from "./schemas";
import { parseUrlTemplate, templatePath } from "./url-template";

type WarningConfig = Pick<DestinationConfig, "urlTemplate" | "intercomVersion">;
type WarningRequest = Pick<BuiltRequest, "method" | "body" | "recordIndexes">;

// When a method could be meant as another, the likeliest intended one comes first.
const WRITE_PREFERENCE = ["PUT", "POST", "PATCH", "DELETE", "GET"];
const READ_PREFERENCE = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/**
 * The Sample Payload panel's warnings for one request: the method + path is not an Intercom endpoint
 * of the chosen version, a catalogued endpoint's required body field is missing, or a batch is too
 * big for the endpoint (or the endpoint takes one record per call).
 */
export function buildWarnings(
  request: WarningRequest,
  config: WarningConfig,
  findEndpoint: CatalogueLookup,
  baseUrl?: string,
): string[] {
  return createWarningChecker(config, findEndpoint, baseUrl)(request);
}

/** Parses the template and asks the catalogue once per build, then checks each request. */
export function createWarningChecker(
  config: WarningConfig,
  findEndpoint: CatalogueLookup,
  baseUrl?: string,
): (request: WarningRequest) => string[] {
  const parsed = parseUrlTemplate(config.urlTemplate);
  if (!parsed.ok) return () => [];
  const path = templatePath(parsed.template, baseUrl);
  const version = config.intercomVersion;
  const lookup = memoizeLookup(findEndpoint);
  return (request) => {
    const endpoint = lookup(request.method, path, version);
    if (!endpoint) return [unknownEndpointWarning(request.method, path, version, lookup)];
    return request.body === undefined ? [] : bodyWarnings(request, endpoint, version);
  };
}

/** Every request of a build asks about the same method + path, so ask the catalogue once. */
function memoizeLookup(findEndpoint: CatalogueLookup): CatalogueLookup {
  const cache = new Map<string, EndpointDefinition | undefined>();
  return (method, path, version) => {
    const key = `${method} ${path} ${version ?? ""}`;
    if (!cache.has(key)) cache.set(key, findEndpoint(method, path, version));
    return cache.get(key);
  };
}

function unknownEndpointWarning(method: string, path: string, version: string, findEndpoint: CatalogueLookup): string {
  const elsewhere = findEndpoint(method, path);
  if (elsewhere)
    return `Intercom has no ${method} ${elsewhere.path} in ${version}; it exists in ${elsewhere.versions.join(", ")}`;
  const preference = method === "GET" ? READ_PREFERENCE : WRITE_PREFERENCE;
  const alternative = preference
    .filter((candidate) => candidate !== method && (HTTP_METHODS as readonly string[]).includes(candidate))
    .map((candidate) => findEndpoint(candidate, path, version))
    .find((candidate) => candidate !== undefined);
  if (alternative)
    return `Intercom has no ${method} ${alternative.path} in ${version}; ${lowerFirst(alternative.name)} with ${alternative.method}`;
  return `Intercom has no ${method} ${path} in ${version} (it is not in Flowgate's endpoint catalogue); check the method and path`;
}

function bodyWarnings(request: WarningRequest, endpoint: EndpointDefinition, version: string): string[] {
  const warnings: string[] = [];
  const count = request.recordIndexes.length;
  const text = request.body!;
  // Parsing every body of a 10,000-request build is only worth it when a check needs the fields.
  const needsFields =
    endpoint.batch !== undefined ||
    (endpoint.requiredBodyFields?.length ?? 0) > 0 ||
    endpoint.bodyFields !== undefined ||
    endpoint.bodySchema !== undefined ||
    !/^\s*[[{]/.test(text);
  if (!needsFields) {
    if (count > 1) warnings.push(oneRecordWarning(endpoint, count));
    return warnings;
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return [`The body is not JSON; Intercom's ${endpoint.name} expects JSON`];
  }
  if (endpoint.batch) {
    const { property, maxItems } = endpoint.batch;
    const items = isObject(body) ? body[property] : undefined;
    if (!Array.isArray(items)) warnings.push(`Intercom's ${endpoint.name} expects the records in a "${property}" list`);
    else if (items.length > maxItems) {
      warnings.push(
        `This request carries ${items.length} items; Intercom's ${endpoint.name} takes at most ${maxItems} (lower the batch size)`,
      );
    }
  } else if (count > 1) {
    warnings.push(oneRecordWarning(endpoint, count));
  }
  if (isObject(body) && !endpoint.batch && count === 1) {
    const unknown = unknownFields(body, endpoint, version);
    if (unknown.length > 0) warnings.push(unknownFieldsWarning(unknown, endpoint, version));
  }
  if (isObject(body)) {
    for (const field of endpoint.requiredBodyFields ?? []) {
      if (isMissing(readPath(body, field)))
        warnings.push(`Intercom requires "${field}" in the body of ${endpoint.name}`);
    }
  }
  return warnings;
}

/**
 * Top-level fields the endpoint does not define in this version. Intercom answers 400 "bad 'x'
 * parameter" to them (its descriptions show it for POST /companies, PUT /companies/{id} and POST
 * /tags; see sandbox/intercom/unknown-fields.ts), so each is named before any call.
 */
function unknownFields(body: Record<string, unknown>, endpoint: EndpointDefinition, version: string): string[] {
  if (endpoint.bodyFields) {
    const known = new Set(bodyFieldsFor(endpoint.bodyFields, version).map((field) => field.name));
    return Object.keys(body).filter((key) => !known.has(key));
  }
  const parsed = endpoint.bodySchema?.safeParse(body);
  if (!parsed || parsed.success) return [];
  return parsed.error.issues.flatMap((issue) =>
    issue.code === "unrecognized_keys" && issue.path.length === 0 ? issue.keys : [],
  );
}

function unknownFieldsWarning(unknown: readonly string[], endpoint: EndpointDefinition, version: string): string {
  const shown = unknown.slice(0, 10).map((key) => `"${key}"`);
  const more = unknown.length > shown.length ? ` and ${unknown.length - shown.length} more` : "";
  const plural = unknown.length === 1 ? "field" : "fields";
  return `Intercom's ${endpoint.name} has no ${plural} ${shown.join(", ")}${more} in ${version}: Intercom refuses unknown fields (map them in Map fields, or exclude them)`;
}

function oneRecordWarning(endpoint: EndpointDefinition, count: number): string {
  return `Intercom's ${endpoint.name} takes one record per request, but this one carries ${count}; turn batching off or choose a bulk endpoint`;
}

function readPath(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split(".")) current = isObject(current) ? current[key] : undefined;
  return current;
}

function isMissing(value: unknown): boolean {
  return value === undefined || value === null || value === "";
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
