// THE client of the sandbox's admin API (/__sandbox), with its admin token: tests, the demo, the e2e
// helpers and the delivery benchmark all go through it. In-process callers can also use
// createSandbox()'s own helpers (`sandbox.admin` is this client, bound to that sandbox).
import type { CreateAppRequest, FaultsRequest, ResetRequest } from "./admin-actions";
import type { RecordedRequest } from "./state/sandbox-app";

export interface SandboxAdminClient {
  createApp(input: CreateAppRequest): Promise<{ appId: string; token: string; name: string; rateLimitPer10s: number }>;
  setFaults(input: FaultsRequest): Promise<void>;
  clearFaults(appId?: string): Promise<void>;
  reset(input?: ResetRequest): Promise<void>;
  requests(options?: { appId?: string; since?: number; limit?: number }): Promise<RecordedRequest[]>;
  /** An app's contacts as the sandbox stores them (archived ones included). */
  contacts<T = Record<string, unknown>>(appId: string): Promise<T[]>;
  /** Any other admin GET (`/apps`, `/apps/{id}/events`, …), its JSON answer. */
  get<T = unknown>(path: string): Promise<T>;
  /** The raw answer, for callers that check statuses themselves. */
  call(method: string, path: string, body?: unknown): Promise<Response>;
}

/** `adminToken`: SANDBOX_ADMIN_TOKEN of the sandbox process (or `sandbox.adminToken` in-process). */
export function createSandboxAdminClient(baseUrl: string, adminToken: string | undefined): SandboxAdminClient {
  const root = `${baseUrl.replace(/\/+$/, "")}/__sandbox`;
  const call = (method: string, path: string, body?: unknown) =>
    fetch(`${root}${path}`, {
      method,
      headers: {
        ...(adminToken ? { Authorization: `Bearer ${adminToken}` } : {}),
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  async function send<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await call(method, path, body);
    const text = await response.text();
    if (!response.ok) throw new Error(`Sandbox admin ${method} ${path} answered ${response.status}: ${text}`);
    return JSON.parse(text) as T;
  }
  return {
    createApp: (input) => send("POST", "/apps", input),
    setFaults: async (input) => void (await send("POST", "/faults", input)),
    clearFaults: async (appId) =>
      void (await send("DELETE", `/faults${appId ? `?appId=${encodeURIComponent(appId)}` : ""}`)),
    reset: async (input = {}) => void (await send("POST", "/reset", input)),
    requests: async (options = {}) => {
      const query = new URLSearchParams();
      for (const [key, value] of Object.entries(options)) if (value !== undefined) query.set(key, String(value));
      return (await send<{ requests: RecordedRequest[] }>("GET", `/requests?${query}`)).requests;
    },
    contacts: async <T>(appId: string) =>
      (await send<{ contacts: T[] }>("GET", `/apps/${encodeURIComponent(appId)}/contacts`)).contacts,
    get: (path) => send("GET", path),
    call,
  };
}
