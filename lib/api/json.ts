// JSON answers for route handlers. BigInt (Prisma's BigInt columns) becomes a decimal string
// instead of making JSON.stringify throw.

export function stringifyJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}

export function jsonResponse(value: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("content-type", "application/json; charset=utf-8");
  if (!headers.has("cache-control")) headers.set("cache-control", "no-store");
  return new Response(stringifyJson(value), { ...init, headers });
}

export interface ApiIssue {
  path: string;
  message: string;
}

export interface ApiErrorBody {
  error: { code: string; message: string; field?: string; issues?: ApiIssue[]; requestId?: string };
}

export function errorResponse(status: number, error: ApiErrorBody["error"], init: ResponseInit = {}): Response {
  return jsonResponse({ error } satisfies ApiErrorBody, { ...init, status });
}
