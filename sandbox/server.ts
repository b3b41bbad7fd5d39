import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { log, type Logger } from "@/lib/log";
import { ADMIN_PREFIX, handleAdminRequest } from "./admin";
import {
  clearFaults,
  createApp,
  createOAuthClient,
  type CreateAppRequest,
  type CreateOAuthClientRequest,
  type FaultsRequest,
  listRequests,
  resetState,
  type ResetRequest,
  revokeToken,
  setFaults,
} from "./admin-actions";
import { createSandboxAdminClient, type SandboxAdminClient } from "./admin-client";
import { writeJson } from "./http/respond";
import { readBody } from "./http/read-body";
import { handleOAuthRequest, OAUTH_PATHS } from "./oauth/handle-oauth";
import { handleIntercomRequest, type InboundRequest, type PipelineDeps } from "./intercom/handle-request";
import { DEFAULT_VERSION } from "./intercom/versions";
import { DEFAULT_RATE_LIMIT_PER_10S } from "./rate-limit";
import { buildIntercomRouter } from "./routes";
import { Scheduler } from "./scheduler";
import { AppRegistry } from "./state/app-registry";
import { type OAuthClient, OAuthRegistry } from "./state/oauth-registry";
import type { RecordedRequest } from "./state/sandbox-app";

export interface SandboxOptions {
  port?: number;
  host?: string;
  exportDurationMs?: number;
  bulkJobDurationMs?: number;
  /** How long a created contact stays out of POST /contacts/search (default DEFAULT_SEARCH_INDEX_LAG_MS). */
  searchIndexLagMs?: number;
  defaultRateLimitPer10s?: number;
  /** Requests remembered per app for GET /__sandbox/requests. */
  requestLogSize?: number;
  /** Intercom-Version assumed when a request sends none. */
  defaultVersion?: string;
  /** Apps to create at start, with known tokens (they survive `reset` with dropApps). */
  bootstrapApps?: CreateAppRequest[];
  /** OAuth apps to register at start (Developer Hub settings: client id/secret, redirect URLs, permissions). */
  bootstrapOAuthApps?: CreateOAuthClientRequest[];
  /** How long an authorization code may be exchanged (Intercom: about 5 minutes). */
  oauthCodeLifetimeMs?: number;
  /** Let non-loopback callers use /__sandbox (only sensible inside a private network). */
  allowRemoteAdmin?: boolean;
  /** The Bearer token /__sandbox needs (SANDBOX_ADMIN_TOKEN); a random one when absent. */
  adminToken?: string;
  logger?: Pick<Logger, "error">;
}

export interface Sandbox {
  url: string;
  port: number;
  adminToken: string;
  /** The admin API over HTTP, with the admin token (what a separate process would use). */
  admin: SandboxAdminClient;
  close(): Promise<void>;
  registry: AppRegistry;
  oauth: OAuthRegistry;
  createApp(input: CreateAppRequest): { appId: string; token: string };
  createOAuthApp(input: CreateOAuthClientRequest): OAuthClient;
  /** As if the customer uninstalled the app: the token answers 401 from now on. */
  revokeToken(token: string): void;
  setFaults(input: FaultsRequest): void;
  clearFaults(appId?: string): void;
  reset(input?: ResetRequest): void;
  requests(appId?: string): RecordedRequest[];
}

export const DEFAULT_EXPORT_DURATION_MS = 3_000;
export const DEFAULT_BULK_JOB_DURATION_MS = 2_000;
/**
 * Intercom's contact search is eventually consistent, so by default a contact just created is not yet
 * found. Evidence: Intercom's own description of POST /contacts/search (2.11, 2.16 and Preview, in
 * /work/shared/intercom-openapi) says a recently created contact "may not appear in the response. This
 * delay can take a few minutes"; an Intercom engineer on intercom-ruby#257 says it "should only take a
 * few seconds but sometimes it can take a little longer"; rudder-transformer#5137 met it in production
 * (search found nothing, the create then answered 409). A few seconds is the usual case; set
 * SANDBOX_SEARCH_INDEX_LAG_MS (or the searchIndexLagMs fault) higher to rehearse the slow one.
 */
export const DEFAULT_SEARCH_INDEX_LAG_MS = 3_000;

export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const logger = options.logger ?? log;
  const registry = new AppRegistry({
    exportDurationMs: options.exportDurationMs ?? DEFAULT_EXPORT_DURATION_MS,
    bulkJobDurationMs: options.bulkJobDurationMs ?? DEFAULT_BULK_JOB_DURATION_MS,
    searchIndexLagMs: options.searchIndexLagMs ?? DEFAULT_SEARCH_INDEX_LAG_MS,
    rateLimitPer10s: options.defaultRateLimitPer10s ?? DEFAULT_RATE_LIMIT_PER_10S,
    requestLogSize: options.requestLogSize ?? 10_000,
    defaultVersion: options.defaultVersion ?? DEFAULT_VERSION,
  });
  for (const app of options.bootstrapApps ?? []) createApp(registry, app, true);
  const adminAccess = {
    allowRemote: options.allowRemoteAdmin ?? false,
    token: options.adminToken ?? randomBytes(24).toString("base64url"),
  };
  const oauth = new OAuthRegistry(options.oauthCodeLifetimeMs);
  for (const client of options.bootstrapOAuthApps ?? []) createOAuthClient(oauth, client);
  const scheduler = new Scheduler();
  let seq = 0;
  const deps: PipelineDeps = {
    registry,
    router: buildIntercomRouter(),
    scheduler,
    nextSeq: () => ++seq,
    onUnexpectedError: (error, inbound) =>
      logger.error({ err: error, method: inbound.method, path: inbound.path }, "sandbox handler failed"),
  };

  const server = createServer((req, res) => {
    serve(req, res).catch((error: unknown) => {
      logger.error({ err: error }, "sandbox request failed");
      if (!res.headersSent)
        writeJson(res, 500, {
          type: "error.list",
          request_id: randomUUID(),
          errors: [{ code: "server_error", message: "Server Error" }],
        });
      else res.destroy();
    });
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const startedAtMs = Date.now();
    const rawUrl = req.url ?? "/";
    const q = rawUrl.indexOf("?");
    const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
    const body = await readBody(req);
    if (body.kind === "aborted") return;
    const inbound: InboundRequest = {
      req,
      res,
      method: req.method ?? "GET",
      path,
      query: new URLSearchParams(q < 0 ? "" : rawUrl.slice(q + 1)),
      body,
      requestId: randomUUID(),
      startedAtMs,
    };
    if (path === ADMIN_PREFIX || path.startsWith(`${ADMIN_PREFIX}/`))
      handleAdminRequest(registry, oauth, inbound, adminAccess);
    else if (OAUTH_PATHS.has(path)) handleOAuthRequest(registry, oauth, inbound);
    else await handleIntercomRequest(deps, inbound);
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${host === "0.0.0.0" || host === "[::]" ? "127.0.0.1" : host}:${address.port}`;

  return {
    url,
    port: address.port,
    adminToken: adminAccess.token,
    admin: createSandboxAdminClient(url, adminAccess.token),
    registry,
    oauth,
    close: () =>
      new Promise<void>((resolve) => {
        scheduler.cancelAll();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    createApp: (input) => createApp(registry, input),
    createOAuthApp: (input) => createOAuthClient(oauth, input),
    revokeToken: (token) => void revokeToken(registry, { token }),
    setFaults: (input) => void setFaults(registry, input),
    clearFaults: (appId) => clearFaults(registry, appId),
    reset: (input) => resetState(registry, input),
    requests: (appId) => listRequests(registry, { appId }),
  };
}
