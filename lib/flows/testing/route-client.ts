import { randomUUID } from "node:crypto";
import { createApiKey } from "@/lib/api-keys/api-keys";
import type { RouteHandler } from "@/lib/api/with-api";
import type { Db } from "@/lib/db/client";

// Calls route handlers the way Next would, with an API key, for the flows' integration tests.

export const TEST_APP_URL = "http://localhost:3999";

export async function apiKeyFor(db: Db, organisationId: string): Promise<string> {
  const user = await db.user.create({
    data: { id: randomUUID(), name: "Tester", email: `${randomUUID()}@example.com`, organisationId },
  });
  return (await createApiKey({ organisationId, userId: user.id }, { name: "flows test" }, db)).key;
}

export interface RouteCall {
  path: string;
  params?: Record<string, string>;
  method?: "GET" | "POST" | "PUT" | "DELETE";
  /** JSON body. */
  json?: unknown;
  /** Raw body (an upload), sent as is. */
  raw?: BodyInit;
  headers?: Record<string, string>;
  key: string | null;
}

export interface RouteAnswer {
  status: number;
  json: Record<string, unknown> & { error?: { code: string; message: string; field?: string } };
}

export async function callRoute(handler: RouteHandler, call: RouteCall): Promise<RouteAnswer> {
  const headers: Record<string, string> = { ...call.headers };
  if (call.key) headers.authorization = `Bearer ${call.key}`;
  if (call.json !== undefined) headers["content-type"] = "application/json";
  const body = call.json !== undefined ? JSON.stringify(call.json) : call.raw;
  const init: RequestInit & { duplex?: "half" } = { method: call.method ?? "GET", headers, body };
  if (body instanceof ReadableStream) init.duplex = "half";
  const response = await handler(new Request(`${TEST_APP_URL}${call.path}`, init), {
    params: Promise.resolve(call.params ?? {}),
  });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as RouteAnswer["json"]) : {} };
}

/** A body that arrives in small chunks, as an upload does, so the route must stream it. */
export function chunkedBody(text: string, chunkSize = 64): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + chunkSize));
      offset += chunkSize;
    },
  });
}
