// Helpers for the sandbox's own tests: a sandbox on a random loopback port and a small client.
import { createSandbox, DEFAULT_SEARCH_INDEX_LAG_MS, type Sandbox, type SandboxOptions } from "./server";

export interface CallOptions {
  body?: unknown;
  /** Sent as-is instead of JSON-encoding `body`. */
  rawBody?: string;
  token?: string | null;
  version?: string;
  headers?: Record<string, string>;
}

export interface CallResult {
  status: number;
  headers: Headers;
  body: unknown;
  bytes: Buffer;
}

export interface TestSandbox {
  sandbox: Sandbox;
  token: string;
  appId: string;
  call(method: string, path: string, options?: CallOptions): Promise<CallResult>;
  json<T = Record<string, unknown>>(method: string, path: string, options?: CallOptions): Promise<T>;
}

export async function startTestSandbox(
  options: SandboxOptions = {},
  appInput: {
    rateLimitPer10s?: number;
    dataAttributes?: Array<{ name: string; model?: "contact" | "company"; dataType?: string }>;
  } = {},
): Promise<TestSandbox> {
  const sandbox = await createSandbox({ port: 0, logger: { error: () => undefined }, ...options });
  const { appId, token } = sandbox.createApp({ name: "Test workspace", ...appInput });
  const call = (method: string, path: string, o: CallOptions = {}) =>
    callSandbox(sandbox.url, method, path, { token, ...o });
  return {
    sandbox,
    token,
    appId,
    call,
    async json<T>(method: string, path: string, o: CallOptions = {}) {
      const result = await call(method, path, o);
      if (result.status >= 300)
        throw new Error(`${method} ${path} answered ${result.status}: ${result.bytes.toString("utf8")}`);
      return result.body as T;
    },
  };
}

export async function callSandbox(
  baseUrl: string,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<CallResult> {
  const headers: Record<string, string> = { Accept: "application/json", ...options.headers };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.version) headers["Intercom-Version"] = options.version;
  let body: string | undefined = options.rawBody;
  if (body === undefined && options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers["Content-Type"] ??= "application/json";
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
  const bytes = Buffer.from(await response.arrayBuffer());
  const isJson = response.headers.get("content-type")?.includes("application/json") ?? false;
  return {
    status: response.status,
    headers: response.headers,
    body: isJson ? (JSON.parse(bytes.toString("utf8")) as unknown) : undefined,
    bytes,
  };
}

/**
 * Polls POST /contacts/search until `query` finds at least `count` contacts: what a client does that
 * must see a contact it just created, since Intercom's search index lags writes.
 */
export async function waitForSearch(
  baseUrl: string,
  token: string,
  query: unknown,
  count = 1,
  timeoutMs = DEFAULT_SEARCH_INDEX_LAG_MS + 5_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await callSandbox(baseUrl, "POST", "/contacts/search", { token, body: { query } });
    const found = (answer.body as { total_count?: number }).total_count ?? 0;
    if (found >= count) return;
    if (Date.now() > deadline) throw new Error(`search found ${found} of ${count} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const errorCodes = (body: unknown): string[] =>
  ((body as { errors?: Array<{ code: string }> }).errors ?? []).map((e) => e.code);
export const errorMessages = (body: unknown): string[] =>
  ((body as { errors?: Array<{ message: string }> }).errors ?? []).map((e) => e.message);
