import type { z } from "zod";

export interface ApiIssue {
  path: string;
  message: string;
}

/** A non-2xx answer from our API, carrying its `{ error: { code, message, issues } }` body. */
export class ApiRequestError extends Error {
  override name = "ApiRequestError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: ApiIssue[] = [],
    readonly field?: string,
  ) {
    super(message);
  }

  /** The message for one form field, when the server named it. */
  issueFor(path: string): string | undefined {
    return (
      this.issues.find((issue) => issue.path === path)?.message ?? (this.field === path ? this.message : undefined)
    );
  }
}

async function toApiRequestError(response: Response): Promise<ApiRequestError> {
  const body: unknown = await response.json().catch(() => null);
  // Ours: { error: { code, message, issues } }. better-auth's (/api/auth/*): { code, message }.
  const record = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : null;
  const error =
    record && typeof record.error === "object" && record.error !== null
      ? (record.error as Record<string, unknown>)
      : record;
  const message =
    typeof error?.message === "string" ? error.message : `Request failed (${response.status} ${response.statusText}).`;
  const code = typeof error?.code === "string" ? error.code : "http_error";
  const issues = Array.isArray(error?.issues) ? (error.issues as ApiIssue[]) : [];
  const field = typeof error?.field === "string" ? error.field : undefined;
  return new ApiRequestError(response.status, code, message, issues, field);
}

/**
 * fetch for our own JSON API from the browser: sends/receives JSON, throws ApiRequestError on a
 * non-2xx answer, and parses the answer with the route's response schema when one is given.
 */
export async function fetchJson<S extends z.ZodType>(
  url: string,
  init: RequestInit & { json?: unknown; schema: S },
): Promise<z.output<S>>;
export async function fetchJson(url: string, init?: RequestInit & { json?: unknown }): Promise<unknown>;
export async function fetchJson(
  url: string,
  init: RequestInit & { json?: unknown; schema?: z.ZodType } = {},
): Promise<unknown> {
  const { json, schema, headers, ...rest } = init;
  const merged = new Headers(headers);
  if (!merged.has("accept")) merged.set("accept", "application/json");
  if (json !== undefined) merged.set("content-type", "application/json");
  const response = await fetch(url, {
    ...rest,
    credentials: "same-origin",
    headers: merged,
    ...(json === undefined ? {} : { body: JSON.stringify(json) }),
  });
  if (!response.ok) throw await toApiRequestError(response);
  if (response.status === 204) return undefined;
  const body: unknown = await response.json();
  return schema ? schema.parse(body) : body;
}
