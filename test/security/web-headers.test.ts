import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { proxy } from "@/proxy";

// Issue 7 item 5: the security headers every page and route gets (next.config.js headers()), with a
// CSP that still lets Monaco's web workers and QuickJS's WebAssembly run; and pages without a session
// cookie sent to sign-in (proxy.ts; the (app) layout then checks the session itself).
// Cookie flags: lib/auth/sign-in.integration.test.ts. Sign-in throttling: same file ("allows 10
// attempts…"). CSRF: csrf.integration.test.ts.

type HeaderRule = { source: string; headers: { key: string; value: string }[] };
type NextConfig = { headers(): Promise<HeaderRule[]>; poweredByHeader?: boolean };

async function loadConfig(nodeEnv: string): Promise<NextConfig> {
  vi.resetModules();
  vi.stubEnv("NODE_ENV", nodeEnv);
  // @ts-expect-error next.config.js is plain JavaScript without type declarations.
  const loaded = (await import("@/next.config.js")) as { default: NextConfig };
  return loaded.default;
}

async function headersOf(nodeEnv: string): Promise<Record<string, string>> {
  const rules = await (await loadConfig(nodeEnv)).headers();
  const all = rules.find((rule) => rule.source === "/:path*");
  expect(all, "a rule that covers every path").toBeDefined();
  return Object.fromEntries(all!.headers.map(({ key, value }) => [key.toLowerCase(), value]));
}

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("security headers (next.config.js)", () => {
  it("sends a CSP that forbids framing, plugins and foreign scripts but lets Monaco's workers and WebAssembly run", async () => {
    const csp = directives((await headersOf("production"))["content-security-policy"] ?? "");
    expect(csp.get("default-src")).toEqual(["'self'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'self'"]);
    expect(csp.get("form-action")).toEqual(["'self'"]);
    expect(csp.get("connect-src")).toEqual(["'self'"]);
    expect(csp.get("worker-src")).toEqual(["'self'", "blob:"]);
    expect(csp.get("script-src")).toEqual(expect.arrayContaining(["'self'", "'wasm-unsafe-eval'"]));
    // No remote script hosts (Monaco is bundled, not loaded from a CDN), and no eval in production.
    expect(csp.get("script-src")?.filter((s) => /^https?:|^\*$/.test(s))).toEqual([]);
    expect(csp.get("script-src")).not.toContain("'unsafe-eval'");
  });

  it("allows eval only for the development server", async () => {
    expect(directives((await headersOf("development"))["content-security-policy"] ?? "").get("script-src")).toContain(
      "'unsafe-eval'",
    );
  });

  it("sends nosniff, DENY framing, a strict referrer policy, COOP and no X-Powered-By", async () => {
    const headers = await headersOf("production");
    expect(headers).toMatchObject({
      "x-content-type-options": "nosniff",
      "x-frame-options": "DENY",
      "referrer-policy": "strict-origin-when-cross-origin",
      "cross-origin-opener-policy": "same-origin",
    });
    expect(headers["permissions-policy"]).toContain("camera=()");
    expect((await loadConfig("production")).poweredByHeader).toBe(false);
  });
});

describe("pages need a session (proxy.ts)", () => {
  it.each(["/flows", "/credentials", "/destinations/abc", "/settings/api-keys"])(
    "sends %s to sign-in without a session cookie, keeping where it was headed",
    (path) => {
      const response = proxy(new NextRequest(`http://localhost:3000${path}?tab=1`));
      expect(response.status).toBe(307);
      const location = new URL(response.headers.get("location")!);
      expect(location.pathname).toBe("/sign-in");
      expect(location.searchParams.get("next")).toBe(`${path}?tab=1`);
    },
  );

  it("lets a request with a session cookie through to the page (whose layout checks the session)", () => {
    const response = proxy(
      new NextRequest("http://localhost:3000/flows", { headers: { cookie: "better-auth.session_token=abc.def" } }),
    );
    expect(response.headers.get("location")).toBeNull();
    expect(response.headers.get("x-middleware-next")).toBe("1");
  });
});
