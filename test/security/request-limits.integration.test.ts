import { describe, expect, it } from "vitest";
import { publicApiRoutes } from "@/lib/api/openapi/registry";
import { callHandler } from "./support/route-table";
import { securityWorldForFile } from "./support/security-world";
import type { Tenant } from "./support/tenant-world";

// Issue 18 item 6: Test connection and Send Test make the server call Intercom, so each is limited
// per organisation (and per address): one organisation spending its allowance leaves another's alone.

const world = securityWorldForFile(publicApiRoutes);

async function call(tenant: Tenant, method: string, path: string, params: Record<string, string>, json?: unknown) {
  const spec = publicApiRoutes.find((s) => s.method === method && s.path === path)!;
  return callHandler(world().handlerFor(spec), {
    method,
    path,
    params,
    json,
    headers: { authorization: `Bearer ${tenant.apiKey}` },
  });
}

describe("Test connection and Send Test are limited per organisation", () => {
  it.each([
    ["Test connection", "/api/v1/credentials/{id}/test", 30, undefined],
    ["Send Test", "/api/v1/destinations/{id}/test", 60, {}],
  ])(
    "%s: over its allowance a 429 with Retry-After, and another organisation is unaffected",
    async (_name, path, allowance, json) => {
      const w = world();
      const statuses: number[] = [];
      for (let i = 0; i < allowance; i++)
        statuses.push((await call(w.a, "POST", path, { id: w.ghost.credentialId }, json)).status);
      expect(statuses.every((s) => s === 404)).toBe(true);
      const limited = await call(w.a, "POST", path, { id: w.ghost.credentialId }, json);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(limited.json).toMatchObject({
        error: { code: "too_many_requests", message: expect.stringMatching(/organisation/) },
      });
      expect((await call(w.b, "POST", path, { id: w.ghost.credentialId }, json)).status).toBe(404);
    },
  );
});
