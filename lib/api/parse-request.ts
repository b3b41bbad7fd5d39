import type { z } from "zod";
import { errorResponse, type ApiIssue } from "./json";
import { findExcessiveNesting, tooDeepMessage } from "./json-depth";
import { findNulCharacters } from "./nul-characters";
import { bodyTooLarge, declaredLengthExceeds, readLimitedBody } from "./read-limited-body";
import type { Schema } from "./route-spec";
import { summariseIssues, toApiIssues } from "./zod-issues";

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

function invalidInput(error: z.ZodError, where: string): Response {
  const issues = toApiIssues(error);
  return errorResponse(400, { code: "invalid_input", message: summariseIssues(issues, where), issues });
}

function refuseIssues(issues: ApiIssue[], where: string): Response {
  return errorResponse(400, { code: "invalid_input", message: summariseIssues(issues, where), issues });
}

function parseWith(
  schema: Schema,
  value: unknown,
  where: string,
): { ok: true; data: unknown } | { ok: false; response: Response } {
  if (!schema) return { ok: true, data: undefined };
  // Security/robustness: PostgreSQL cannot store U+0000, so it is refused here (see nul-characters.ts).
  const nul = findNulCharacters(value);
  if (nul.length > 0) return { ok: false, response: refuseIssues(nul, where) };
  const parsed = schema.safeParse(value);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, response: invalidInput(parsed.error, where) };
}

function isJsonContentType(value: string | null): boolean {
  const type = value?.split(";")[0]?.trim().toLowerCase() ?? "";
  return type === "application/json" || type.endsWith("+json");
}

async function readJsonBody(
  req: Request,
  maxBytes: number,
): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
  if (declaredLengthExceeds(req.headers, maxBytes)) throw bodyTooLarge(maxBytes);
  const text = (await readLimitedBody(req.body, maxBytes)).toString("utf8");
  if (text.trim() === "") return { ok: true, value: undefined };
  if (!isJsonContentType(req.headers.get("content-type"))) {
    return {
      ok: false,
      response: errorResponse(415, {
        code: "unsupported_media_type",
        message: "Send the body as JSON with `Content-Type: application/json`.",
      }),
    };
  }
  if (findExcessiveNesting(text) >= 0)
    return { ok: false, response: errorResponse(400, { code: "invalid_json", message: tooDeepMessage("The body") }) };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return {
      ok: false,
      response: errorResponse(400, {
        code: "invalid_json",
        message: `The request body is not valid JSON: ${(error as Error).message}`,
      }),
    };
  }
}

function searchParamsToObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    out[key] = values.length === 1 ? (values[0] as string) : values;
  }
  return out;
}

export interface ParsedRequest {
  body: unknown;
  query: unknown;
  params: unknown;
}

/** Parses body, query and route params with their schemas, or returns the 4xx to send. */
export async function parseRequest(
  req: Request,
  rawParams: Record<string, unknown>,
  schemas: { body?: Schema; query?: Schema; params?: Schema; maxBodyBytes?: number },
): Promise<ParsedRequest | Response> {
  const params = parseWith(schemas.params, rawParams, "path parameters");
  if (!params.ok) return params.response;
  const query = parseWith(schemas.query, searchParamsToObject(new URL(req.url).searchParams), "query");
  if (!query.ok) return query.response;
  let body: unknown = undefined;
  if (schemas.body) {
    const read = await readJsonBody(req, schemas.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
    if (!read.ok) return read.response;
    const parsed = parseWith(schemas.body, read.value, "body");
    if (!parsed.ok) return parsed.response;
    body = parsed.data;
  }
  return { body, query: query.data, params: params.data };
}
