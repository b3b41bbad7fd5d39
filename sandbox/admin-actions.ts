import { z } from "zod";
import { isIntercomPermission } from "@/lib/connectors/intercom/permissions";
import { isKnownVersion } from "./intercom/versions";
import type { AppRegistry } from "./state/app-registry";
import { newClientCredentials, type OAuthClient, type OAuthRegistry } from "./state/oauth-registry";
import type { RecordedRequest, SandboxApp } from "./state/sandbox-app";

// The admin operations, shared by the HTTP admin API (admin.ts) and in-process callers (tests).
// Inputs are parsed with these schemas at both doors.

export const createAppSchema = z.object({
  name: z.string().min(1).max(200),
  token: z.string().min(1).max(512).regex(/^\S+$/, "token must not contain whitespace").optional(),
  rateLimitPer10s: z.number().int().positive().optional(),
  region: z.enum(["US", "EU", "AU"]).optional(),
  apiVersion: z.string().refine(isKnownVersion, "unknown Intercom-Version").optional(),
  dataAttributes: z
    .array(
      z.object({
        name: z.string().min(1),
        model: z.enum(["contact", "company"]).optional(),
        dataType: z.string().optional(),
      }),
    )
    .optional(),
});
export type CreateAppRequest = z.input<typeof createAppSchema>;

export const faultsSchema = z.object({
  appId: z.string().optional(),
  latencyMs: z.number().int().min(0).max(600_000).optional(),
  errorRate: z.number().min(0).max(1).optional(),
  errorStatus: z.number().int().min(400).max(599).optional(),
  resetRate: z.number().min(0).max(1).optional(),
  rateLimitPer10s: z.number().int().positive().optional(),
  exportDurationMs: z.number().int().min(0).max(86_400_000).optional(),
  bulkJobDurationMs: z.number().int().min(0).max(86_400_000).optional(),
  searchIndexLagMs: z.number().int().min(0).max(3_600_000).optional(),
});
export type FaultsRequest = z.input<typeof faultsSchema>;

export const resetSchema = z.object({ appId: z.string().optional(), dropApps: z.boolean().optional() });
export type ResetRequest = z.input<typeof resetSchema>;

export class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function requireApp(registry: AppRegistry, appId: string): SandboxApp {
  const app = registry.byId(appId);
  if (!app) throw new AdminError(404, `No app with id ${appId}`);
  return app;
}

/** `bootstrap` apps (created at start) survive a reset with dropApps. */
export function createApp(
  registry: AppRegistry,
  input: CreateAppRequest,
  bootstrap = false,
): { appId: string; token: string; name: string; rateLimitPer10s: number } {
  const parsed = createAppSchema.parse(input);
  if (parsed.token !== undefined && registry.byToken(parsed.token))
    throw new AdminError(409, "An app with this token already exists");
  const app = registry.create({ ...parsed, bootstrap });
  return { appId: app.id, token: app.token, name: app.name, rateLimitPer10s: app.rateLimitPer10s };
}

export function setFaults(registry: AppRegistry, input: FaultsRequest): Record<string, unknown> {
  const { appId, rateLimitPer10s, exportDurationMs, bulkJobDurationMs, searchIndexLagMs, ...faults } =
    faultsSchema.parse(input);
  const defined = <T extends object>(o: T) =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
  const overrides = defined({ rateLimitPer10s, exportDurationMs, bulkJobDurationMs, searchIndexLagMs });
  if (appId === undefined) {
    registry.globalFaults = { ...registry.globalFaults, ...defined(faults) };
    registry.globalOverrides = { ...registry.globalOverrides, ...overrides };
    return { appId: null, faults: registry.globalFaults, overrides: registry.globalOverrides };
  }
  const app = requireApp(registry, appId);
  app.faults = { ...app.faults, ...defined(faults) };
  app.overrides = { ...app.overrides, ...overrides };
  return { appId, faults: registry.faultsFor(app), overrides: app.overrides };
}

export function clearFaults(registry: AppRegistry, appId?: string): void {
  if (appId === undefined) {
    registry.globalFaults = {};
    registry.globalOverrides = {};
    for (const app of registry.list()) {
      app.faults = {};
      app.overrides = {};
    }
    return;
  }
  const app = requireApp(registry, appId);
  app.faults = {};
  app.overrides = {};
}

export function resetState(registry: AppRegistry, input: ResetRequest = {}): void {
  const { appId, dropApps } = resetSchema.parse(input);
  if (appId !== undefined) registry.resetApp(requireApp(registry, appId));
  else registry.resetAll(dropApps ?? false);
}

export function listRequests(
  registry: AppRegistry,
  options: { appId?: string; since?: number; limit?: number } = {},
): RecordedRequest[] {
  const sources =
    options.appId !== undefined
      ? [requireApp(registry, options.appId).requests]
      : [registry.unattributed, ...registry.list().map((a) => a.requests)];
  const all = sources.flatMap((s) => s.toArray()).filter((r) => r.seq > (options.since ?? 0));
  all.sort((a, b) => a.seq - b.seq);
  return options.limit !== undefined ? all.slice(-options.limit) : all;
}

export function appSummary(registry: AppRegistry, app: SandboxApp): Record<string, unknown> {
  return {
    appId: app.id,
    name: app.name,
    region: app.region,
    apiVersion: app.defaultVersion,
    rateLimitPer10s: registry.rateLimitFor(app),
    contacts: app.data.contacts.size,
    companies: app.data.companies.size,
    tags: app.data.tags.size,
    conversations: app.data.conversations.size,
    messages: app.data.messages.length,
    events: app.data.events.length,
    requestsRecorded: app.requests.length,
    faults: registry.faultsFor(app),
    overrides: app.overrides,
  };
}

export { requireApp };

export const createOAuthClientSchema = z.object({
  name: z.string().min(1).max(200),
  clientId: z.string().min(1).max(200).regex(/^\S+$/).optional(),
  clientSecret: z.string().min(8).max(200).regex(/^\S+$/).optional(),
  /** Intercom's permission names (lib/connectors/intercom/permissions.ts); tokens it issues carry them. */
  permissions: z
    .array(z.string().refine(isIntercomPermission, { message: "Not one of Intercom's OAuth permissions" }))
    .max(50)
    .default([]),
  redirectUrls: z
    .array(z.url({ protocol: /^https?$/ }))
    .min(1)
    .max(20),
});
export type CreateOAuthClientRequest = z.input<typeof createOAuthClientSchema>;

/** Registers an app's OAuth settings, as ticking "Use OAuth" in Intercom's Developer Hub does. */
export function createOAuthClient(oauth: OAuthRegistry, input: CreateOAuthClientRequest): OAuthClient {
  const parsed = createOAuthClientSchema.parse(input);
  const generated = newClientCredentials();
  const clientId = parsed.clientId ?? generated.clientId;
  if (oauth.client(clientId)) throw new AdminError(409, "An OAuth app with this client id already exists");
  return oauth.register({ ...parsed, clientId, clientSecret: parsed.clientSecret ?? generated.clientSecret });
}

export const revokeTokenSchema = z.object({ token: z.string().min(1).max(512) });

/** What uninstalling the app from a workspace does to its OAuth token: every later call answers 401. */
export function revokeToken(registry: AppRegistry, input: unknown): { revoked: true } {
  const { token } = revokeTokenSchema.parse(input);
  if (!registry.revokeToken(token)) throw new AdminError(404, "No such token");
  return { revoked: true };
}
