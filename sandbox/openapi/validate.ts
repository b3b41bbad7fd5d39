import { type OpenAPIValidator, ValidationContext, type ValidationResult } from "openapi-backend";
import type { OpenAPIV3 } from "openapi-types";
import { findOperation, type FoundOperation } from "./find-operation";
import type { LoadedDescription } from "./load-description";

// ajv's types, reached through openapi-backend (ajv itself is not a direct dependency).
type ErrorObject = NonNullable<ValidationResult["errors"]>[number];
type ValidateFunction = ReturnType<ReturnType<OpenAPIValidator["getAjv"]>["compile"]>;

export interface ValidationOutcome {
  valid: boolean;
  /** False when the description has no such operation, or no response for this status. */
  described: boolean;
  operationId?: string;
  errors: string[];
}

export interface ResponseToValidate {
  method: string;
  path: string;
  status: number;
  body: unknown;
}

export interface RequestToValidate {
  method: string;
  path: string;
  body?: unknown;
  query?: Record<string, string | string[]>;
  headers?: Record<string, string>;
}

const formatErrors = (errors: ErrorObject[] | null | undefined): string[] =>
  (errors ?? []).map((e) => `${e.instancePath || "(root)"} ${e.message ?? e.keyword}`.trim());

function missing(description: LoadedDescription, method: string, path: string): ValidationOutcome {
  return {
    valid: false,
    described: false,
    errors: [`${method.toUpperCase()} ${path} is not in the ${description.version} description`],
  };
}

function statusDescribed(found: FoundOperation, status: number): boolean {
  const responses = found.operation.responses ?? {};
  return String(status) in responses || `${Math.floor(status / 100)}XX` in responses || "default" in responses;
}

const errorValidators = new WeakMap<LoadedDescription, ValidateFunction>();

/** Intercom's generic `error` schema, for error answers an operation does not list (409, 429 …). */
function errorSchemaValidator(description: LoadedDescription): ValidateFunction {
  let validate = errorValidators.get(description);
  if (!validate) {
    const schemas = (description.document.components?.schemas ?? {}) as Record<string, OpenAPIV3.SchemaObject>;
    validate = description.api.validator.getAjv(ValidationContext.Response).compile(schemas.error ?? {});
    errorValidators.set(description, validate);
  }
  return validate;
}

/**
 * Validates an answer against the response schema of its operation and status. An error status the
 * operation does not list is checked against the description's `error` schema and reported with
 * `described: false`; an undescribed success status is invalid.
 */
export function validateResponse(description: LoadedDescription, response: ResponseToValidate): ValidationOutcome {
  const found = findOperation(description, response.method, response.path);
  if (!found) return missing(description, response.method, response.path);
  const { operationId } = found;
  if (!statusDescribed(found, response.status)) {
    if (response.status < 400) {
      return {
        valid: false,
        described: false,
        operationId,
        errors: [`status ${response.status} is not described for ${operationId}`],
      };
    }
    const validate = errorSchemaValidator(description);
    const valid = validate(response.body) === true;
    return { valid, described: false, operationId, errors: valid ? [] : formatErrors(validate.errors) };
  }
  const result = description.api.validator.validateResponse(response.body, operationId, response.status);
  return { valid: result.valid, described: true, operationId, errors: formatErrors(result.errors) };
}

/**
 * The violations of the description's own recorded examples for this operation and status, against
 * the description's own schema. Where Intercom's schema and its recorded answers disagree, the
 * schema is the suspect: callers can tell a sandbox defect from a description defect with this.
 */
export function exampleErrors(description: LoadedDescription, response: Omit<ResponseToValidate, "body">): string[] {
  const found = findOperation(description, response.method, response.path);
  const responseObject = found?.operation.responses?.[String(response.status)] as OpenAPIV3.ResponseObject | undefined;
  const examples = responseObject?.content?.["application/json"]?.examples ?? {};
  const errors = new Set<string>();
  for (const example of Object.values(examples)) {
    const value = (example as OpenAPIV3.ExampleObject).value as unknown;
    const result = description.api.validator.validateResponse(value, found!.operationId, response.status);
    for (const error of formatErrors(result.errors)) errors.add(error);
  }
  return [...errors];
}

/** Validates a request body against the operation's requestBody schema (path params and query are not checked). */
export function validateRequestBody(description: LoadedDescription, request: RequestToValidate): ValidationOutcome {
  const found = findOperation(description, request.method, request.path);
  if (!found) return missing(description, request.method, request.path);
  const { operationId } = found;
  const content = (found.operation.requestBody as OpenAPIV3.RequestBodyObject | undefined)?.content ?? {};
  if (!content["application/json"]?.schema) {
    const valid = request.body === undefined;
    return { valid, described: true, operationId, errors: valid ? [] : [`${operationId} takes no JSON body`] };
  }
  // openapi-backend compiles the body validator first when the operation has one.
  const [validateBody] = description.api.validator.getRequestValidatorsForOperation(operationId);
  const valid = validateBody?.({ requestBody: request.body }) === true;
  return { valid, described: true, operationId, errors: valid ? [] : formatErrors(validateBody?.errors) };
}

/** Validates the whole request: path parameters, query, headers (e.g. Intercom-Version) and body. */
export function validateRequest(description: LoadedDescription, request: RequestToValidate): ValidationOutcome {
  const found = findOperation(description, request.method, request.path);
  if (!found) return missing(description, request.method, request.path);
  const headers = Object.fromEntries(Object.entries(request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const result = description.api.validator.validateRequest(
    {
      method: request.method.toLowerCase(),
      path: request.path,
      query: request.query ?? {},
      headers,
      body: request.body,
    },
    found.operationId,
  );
  return { valid: result.valid, described: true, operationId: found.operationId, errors: formatErrors(result.errors) };
}
