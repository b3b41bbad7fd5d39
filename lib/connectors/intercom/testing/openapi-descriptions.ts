import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { OpenAPIBackend, type Request as OpenApiRequest } from "openapi-backend";
import { parse } from "yaml";

// Intercom's own OpenAPI descriptions, read (never copied) from ../shared/intercom-openapi or
// $INTERCOM_OPENAPI_DIR, as an independent oracle for the catalogue. Test-only code.

/** The versions Intercom's repository describes, and their files. Others (2.12, 2.13, 2.15) are not described. */
export const DESCRIBED_VERSIONS: Readonly<Record<string, string>> = {
  "2.11": "2.11.yaml",
  "2.14": "2.14.yaml",
  "2.16": "2.16.yaml",
  Preview: "preview.yaml",
};

const REPO_ROOT = path.resolve(import.meta.dirname, "../../../..");

export function openApiDir(): string {
  return path.resolve(process.env.INTERCOM_OPENAPI_DIR ?? path.join(REPO_ROOT, "..", "shared", "intercom-openapi"));
}

export function descriptionsAvailable(): boolean {
  return Object.values(DESCRIBED_VERSIONS).every((file) => existsSync(path.join(openApiDir(), file)));
}

interface Description {
  paths: Record<string, Record<string, unknown>>;
}

const parsed = new Map<string, Description>();

export function loadDescription(version: string): Description {
  const file = DESCRIBED_VERSIONS[version];
  if (!file) throw new Error(`Intercom does not publish a description for ${version} here`);
  let description = parsed.get(version);
  if (!description) {
    description = allowNullWithoutType(parse(readFileSync(path.join(openApiDir(), file), "utf8"))) as Description;
    parsed.set(version, description);
  }
  return description;
}

const METHODS = ["get", "post", "put", "patch", "delete"];

/** "PUT /contacts/{}" — parameter names differ between versions ({contact_id} vs {id}), shapes do not. */
export function operationKey(method: string, template: string): string {
  return `${method.toUpperCase()} ${template.replace(/\{[^{}]+\}/g, "{}")}`;
}

export function operationKeys(version: string): Set<string> {
  const keys = new Set<string>();
  for (const [template, item] of Object.entries(loadDescription(version).paths)) {
    for (const method of Object.keys(item)) if (METHODS.includes(method)) keys.add(operationKey(method, template));
  }
  return keys;
}

export interface RequestValidation {
  /** The described operation the request reached, as "METHOD /template". */
  operation?: string;
  valid: boolean;
  errors: unknown[];
}

const validators = new Map<string, Promise<OpenAPIBackend>>();

async function backendFor(version: string): Promise<OpenAPIBackend> {
  let backend = validators.get(version);
  if (!backend) {
    // quick: skip validating Intercom's (large) description itself; logger off: unknown formats are expected.
    const api = new OpenAPIBackend({
      definition: loadDescription(version) as never,
      quick: true,
      strict: false,
      validate: true,
      ajvOpts: { logger: false },
    });
    backend = api.init();
    validators.set(version, backend);
  }
  return backend;
}

/** Routes the request through the description (openapi-backend) and validates path, headers, query and body with ajv. */
export async function validateRequest(
  version: string,
  request: {
    method: string;
    path: string;
    headers: Record<string, string>;
    body?: unknown;
    query?: Record<string, string>;
  },
): Promise<RequestValidation> {
  const api = await backendFor(version);
  const req: OpenApiRequest = {
    method: request.method.toLowerCase(),
    path: request.path,
    headers: request.headers,
    query: request.query ?? {},
    body: request.body,
  };
  const operation = api.router.matchOperation(req);
  if (!operation) return { valid: false, errors: ["no operation matches"] };
  const result = api.validator.validateRequest(req, operation);
  return {
    operation: `${operation.method.toUpperCase()} ${operation.path}`,
    valid: result.valid,
    errors: result.errors ?? [],
  };
}

/**
 * Intercom's descriptions put `nullable: true` beside oneOf without a `type` (e.g. the search
 * query's value), which ajv refuses to compile. Same meaning, in a form ajv accepts: anyOf [schema, null].
 */
export function allowNullWithoutType(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(allowNullWithoutType);
  if (!node || typeof node !== "object") return node;
  const entries = Object.entries(node as Record<string, unknown>).map(
    ([key, value]) => [key, allowNullWithoutType(value)] as const,
  );
  const copy = Object.fromEntries(entries) as Record<string, unknown>;
  if (copy.nullable === true && copy.type === undefined && copy.$ref === undefined) {
    delete copy.nullable;
    return { anyOf: [copy, { type: "null" }] };
  }
  return copy;
}
