// A client for the sandbox's admin API, for code that runs the sandbox as its own process
// (e2e tests, the delivery benchmark, the demo seed). In-process callers use createSandbox()'s helpers.
import type { CreateAppRequest, FaultsRequest, ResetRequest } from "./admin-actions";
import type { RecordedRequest } from "./state/sandbox-app";

export interface SandboxAdminClient {
  createApp(input: CreateAppRequest): Promise<{ appId: string; token: string; name: string; rateLimitPer10s: number }>;
  setFaults(input: FaultsRequest): Promise<void>;
  clearFaults(appId?: string): Promise<void>;
  reset(input?: ResetRequest): Promise<void>;
  requests(options?: { appId?: string; since?: number; limit?: number }): Promise<RecordedRequest[]>;
}

export function createSandboxAdminClient(baseUrl: string): SandboxAdminClient {
  const root = `${baseUrl.replace(/\/+$/, "")}/__sandbox`;
  async function send<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${root}${path}`, {
      method,
      headers: body === undefined ? undefined : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
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
  };
}
