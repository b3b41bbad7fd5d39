import { readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { AnyApiRouteSpec, HttpMethod } from "@/lib/api/route-spec";
import type { RouteHandler } from "@/lib/api/with-api";

// The security tests walk the route registry (lib/api/openapi/registry.ts) so they cover routes as
// they land: each spec's path maps to its handler module under app/, export named by method.

export const ROOT = path.resolve(import.meta.dirname, "../../..");
export const METHODS: readonly HttpMethod[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/** "/api/v1/destinations/{id}/test" → "app/api/v1/destinations/[id]/test/route.ts". */
export function routeFileOf(specPath: string): string {
  return path.join("app", specPath.replace(/\{(\w+)\}/g, "[$1]"), "route.ts");
}

export function routeKey(spec: Pick<AnyApiRouteSpec, "method" | "path">): string {
  return `${spec.method} ${spec.path}`;
}

export function paramNamesOf(specPath: string): string[] {
  return [...specPath.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
}

export function fillPath(specPath: string, params: Record<string, string>): string {
  return specPath.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(params[name] ?? `missing-${name}`));
}

/** The route's handler; throws a message naming the missing file or export (a spec without a handler). */
export async function loadRouteHandler(spec: Pick<AnyApiRouteSpec, "method" | "path">): Promise<RouteHandler> {
  const file = routeFileOf(spec.path);
  let routeModule: Record<string, unknown>;
  try {
    routeModule = (await import(/* @vite-ignore */ pathToFileURL(path.join(ROOT, file)).href)) as Record<
      string,
      unknown
    >;
  } catch (error) {
    throw new Error(`${routeKey(spec)} is in the registry but ${file} could not be imported: ${String(error)}`);
  }
  const handler = routeModule[spec.method];
  if (typeof handler !== "function")
    throw new Error(`${routeKey(spec)} is in the registry but ${file} exports no ${spec.method}`);
  return handler as RouteHandler;
}

/** Every (method, spec-style path) a route.ts under app/api exports, e.g. "POST /api/v1/sources/{id}/runs". */
export async function exportedRoutes(
  under = "app/api/v1",
): Promise<{ method: HttpMethod; path: string; file: string }[]> {
  const files = readdirSync(path.join(ROOT, under), { recursive: true, encoding: "utf8" }).filter(
    (f) => f.endsWith(`${path.sep}route.ts`) || f === "route.ts",
  );
  const found: { method: HttpMethod; path: string; file: string }[] = [];
  for (const relative of files.sort()) {
    const file = path.join(under, relative);
    const routeModule = (await import(/* @vite-ignore */ pathToFileURL(path.join(ROOT, file)).href)) as Record<
      string,
      unknown
    >;
    const specPath = `/${path
      .dirname(file)
      .replace(/^app\//, "")
      .replace(/\[(\w+)\]/g, "{$1}")
      .replace(/\[\.\.\.(\w+)\]/g, "{...$1}")}`;
    for (const method of METHODS)
      if (typeof routeModule[method] === "function") found.push({ method, path: specPath, file });
  }
  return found;
}

export interface CallInput {
  method: string;
  path: string;
  params?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** Sent as JSON (content-type application/json) unless `raw` is given. */
  json?: unknown;
  raw?: string;
  /** Send the body as a stream of small chunks, as a chunked upload without Content-Length arrives. */
  chunked?: boolean;
}

function chunkedStream(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      const size = 1 + ((offset * 7919) % 4096);
      controller.enqueue(bytes.slice(offset, offset + size));
      offset += size;
    },
  });
}

export interface CallAnswer {
  status: number;
  text: string;
  json: unknown;
  headers: Headers;
}

export const APP_URL = "http://localhost:3997";

/** Calls a handler the way Next does: a Request and `{ params: Promise }`. */
export async function callHandler(handler: RouteHandler, input: CallInput): Promise<CallAnswer> {
  const url = new URL(`${APP_URL}${fillPath(input.path, input.params ?? {})}`);
  for (const [key, value] of Object.entries(input.query ?? {})) url.searchParams.set(key, value);
  const headers = new Headers(input.headers);
  let body: string | undefined;
  if (input.raw !== undefined) body = input.raw;
  else if (input.json !== undefined) {
    body = JSON.stringify(input.json);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  const sent = body === undefined || input.method === "GET" ? undefined : body;
  const requestBody = sent !== undefined && input.chunked ? chunkedStream(sent) : sent;
  const response = await handler(
    new Request(url, { method: input.method, headers, body: requestBody, duplex: "half" } as RequestInit),
    {
      params: Promise.resolve(input.params ?? {}),
    },
  );
  const text = await response.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json, headers: response.headers };
}
