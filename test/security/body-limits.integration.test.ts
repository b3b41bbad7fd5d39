import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publicApiRoutes } from "@/lib/api/openapi/registry";
import { AUTH_MAX_BODY_BYTES } from "@/lib/auth/schemas";
import { APP_URL, loadRouteHandler, routeFileOf } from "./support/route-table";
import { createSecurityWorld, type SecurityWorld } from "./support/security-world";

// Issue 18 item 1: a body sent without Content-Length (chunked) is counted as it arrives and cut off
// at the route's limit with a 413; the server stops reading, so what it holds never grows with the
// body. The sender here would send 64 MB, and counts how much the server actually pulled.

const CHUNK = 64 * 1024;
const WOULD_SEND = 64 * 1024 * 1024;

function endlessBody(): { stream: ReadableStream<Uint8Array>; pulled(): number } {
  let pulled = 0;
  const chunk = new Uint8Array(CHUNK).fill(0x20);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= WOULD_SEND) return controller.close();
      pulled += chunk.length;
      controller.enqueue(chunk);
    },
  });
  return { stream, pulled: () => pulled };
}

type Handler = (req: Request, ctx?: { params?: Promise<Record<string, string | string[]>> }) => Promise<Response>;

async function sendChunked(handler: Handler, path: string, headers: Record<string, string>, params = {}) {
  const body = endlessBody();
  const request = new Request(`${APP_URL}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: APP_URL, ...headers },
    body: body.stream,
    duplex: "half",
  } as RequestInit);
  expect(request.headers.get("content-length")).toBeNull();
  const response = await handler(request, { params: Promise.resolve(params) });
  return { response, pulled: body.pulled() };
}

let w: SecurityWorld;
const routeHandler = async (file: string, method: "POST"): Promise<Handler> =>
  ((await import(/* @vite-ignore */ `@/${file}`)) as Record<string, Handler>)[method]!;

beforeAll(async () => {
  w = await createSecurityWorld([]);
}, 120_000);
afterAll(async () => {
  await w?.close();
});

describe("bodies without Content-Length are cut off at the route's limit", () => {
  it("POST /api/sign-up: 413 and at most its limit (plus a chunk) read", async () => {
    const { response, pulled } = await sendChunked(
      await routeHandler("app/api/sign-up/route.ts", "POST"),
      "/api/sign-up",
      {},
    );
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: "payload_too_large" } });
    expect(pulled).toBeLessThanOrEqual(AUTH_MAX_BODY_BYTES + 2 * CHUNK);
  });

  it("POST /api/auth/sign-in/email: 413 before better-auth reads anything", async () => {
    const handler = await routeHandler("app/api/auth/[...all]/route.ts", "POST");
    const { response, pulled } = await sendChunked(handler, "/api/auth/sign-in/email", {});
    expect(response.status).toBe(413);
    expect(pulled).toBeLessThanOrEqual(AUTH_MAX_BODY_BYTES + 2 * CHUNK);
  });

  it("an API route with a key: 413 at the 1 MiB default, nothing written", async () => {
    const spec = publicApiRoutes.find((s) => s.method === "POST" && s.path === "/api/v1/flows")!;
    const before = await w.t.db.flow.count();
    const { response, pulled } = await sendChunked(await loadRouteHandler(spec), spec.path, {
      authorization: `Bearer ${w.a.apiKey}`,
    });
    expect(response.status).toBe(413);
    expect(pulled).toBeLessThanOrEqual(1024 * 1024 + 2 * CHUNK);
    expect(await w.t.db.flow.count()).toBe(before);
  });

  it("a webhook: 413 at the source's limit", async () => {
    const handler = await routeHandler(routeFileOf("/api/webhooks/{token}"), "POST");
    const { response, pulled } = await sendChunked(
      handler,
      `/api/webhooks/${w.a.webhookToken}`,
      {},
      {
        token: w.a.webhookToken,
      },
    );
    expect(response.status).toBe(413);
    expect(pulled).toBeLessThanOrEqual(1024 * 1024 + 2 * CHUNK);
  });

  it("a body under the limit still goes through (control)", async () => {
    const handler = await routeHandler("app/api/sign-up/route.ts", "POST");
    const tag = randomBytes(4).toString("hex");
    const json = JSON.stringify({
      organisationName: `Chunked ${tag}`,
      name: "Chi",
      email: `chunked-${tag}@example.com`,
      password: `chunked password ${tag}`,
    });
    const bytes = new TextEncoder().encode(json);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 10));
        controller.enqueue(bytes.slice(10));
        controller.close();
      },
    });
    const response = await handler(
      new Request(`${APP_URL}/api/sign-up`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: APP_URL },
        body: stream,
        duplex: "half",
      } as RequestInit),
    );
    expect(response.status).toBe(201);
  });
});
