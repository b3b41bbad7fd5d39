import { timingSafeEqual } from "node:crypto";
import { z } from "zod";
import {
  AdminError,
  appSummary,
  clearFaults,
  createApp,
  createOAuthClient,
  listRequests,
  revokeToken,
  requireApp,
  resetState,
  setFaults,
  type CreateAppRequest,
  type FaultsRequest,
  type ResetRequest,
} from "./admin-actions";
import { parseJson } from "./http/read-body";
import { writeJson } from "./http/respond";
import { type PathParams, Router } from "./http/router";
import type { InboundRequest } from "./intercom/handle-request";
import { presentContact } from "./routes/contact-view";
import type { AppRegistry } from "./state/app-registry";
import type { OAuthRegistry } from "./state/oauth-registry";

// The admin API under /__sandbox: loopback callers only, each with the sandbox's own admin token
// (`Authorization: Bearer <admin token>`, never an app's token). Not part of Intercom. The token
// matters because the sandbox is a host Flowgate trusts: without it, anything that can make the
// server call the sandbox could read every app's requests or reset them (Flowgate also refuses
// /__sandbox paths in its outbound guard). Only GET /__sandbox/health answers without it.

export const ADMIN_PREFIX = "/__sandbox";

interface AdminContext {
  registry: AppRegistry;
  oauth: OAuthRegistry;
  params: PathParams;
  query: URLSearchParams;
  body: unknown;
}
type AdminHandler = (ctx: AdminContext) => { status: number; body: unknown };

const ok = (body: unknown) => ({ status: 200, body });
const optionalInt = (value: string | null) =>
  value === null ? undefined : z.coerce.number().int().min(0).parse(value);

function appRecords(ctx: AdminContext) {
  return requireApp(ctx.registry, ctx.params.appId ?? "");
}

const router = new Router<AdminHandler>();
router.add("GET", "/__sandbox/health", () => ok({ ok: true }));
router.add("POST", "/__sandbox/apps", (ctx) => ({
  status: 201,
  body: createApp(ctx.registry, ctx.body as CreateAppRequest),
}));
router.add("GET", "/__sandbox/apps", (ctx) =>
  ok({ apps: ctx.registry.list().map((app) => appSummary(ctx.registry, app)) }),
);
router.add("GET", "/__sandbox/apps/{appId}", (ctx) => ok(appSummary(ctx.registry, appRecords(ctx))));
router.add("GET", "/__sandbox/apps/{appId}/contacts", (ctx) => {
  const app = appRecords(ctx);
  return ok({ contacts: app.data.contacts.all().map((c) => ({ ...presentContact(app, c), archived: c.archived })) });
});
router.add("GET", "/__sandbox/apps/{appId}/events", (ctx) => ok({ events: appRecords(ctx).data.events.toArray() }));
router.add("GET", "/__sandbox/apps/{appId}/bulk-jobs/{jobId}", (ctx) => {
  const job = appRecords(ctx).data.bulkJobs.get(ctx.params.jobId ?? "");
  if (!job) throw new AdminError(404, `No bulk job ${ctx.params.jobId ?? ""}`);
  return ok({
    id: job.id,
    tasks: job.tasks.map((t) => ({ id: t.id, kind: t.kind, itemCount: t.items.length, results: t.results ?? null })),
  });
});
router.add("GET", "/__sandbox/requests", (ctx) =>
  ok({
    requests: listRequests(ctx.registry, {
      appId: ctx.query.get("appId") ?? undefined,
      since: optionalInt(ctx.query.get("since")),
      limit: optionalInt(ctx.query.get("limit")),
    }),
  }),
);
router.add("POST", "/__sandbox/faults", (ctx) => ok(setFaults(ctx.registry, (ctx.body ?? {}) as FaultsRequest)));
router.add("DELETE", "/__sandbox/faults", (ctx) => {
  clearFaults(ctx.registry, ctx.query.get("appId") ?? undefined);
  return ok({ cleared: true });
});
router.add("POST", "/__sandbox/reset", (ctx) => {
  resetState(ctx.registry, (ctx.body ?? {}) as ResetRequest);
  return ok({ reset: true });
});

router.add("POST", "/__sandbox/oauth/apps", (ctx) => ({
  status: 201,
  body: createOAuthClient(ctx.oauth, (ctx.body ?? {}) as Parameters<typeof createOAuthClient>[1]),
}));
router.add("POST", "/__sandbox/tokens/revoke", (ctx) => ok(revokeToken(ctx.registry, ctx.body ?? {})));

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

export interface AdminAccess {
  allowRemote: boolean;
  token: string;
}

function carriesToken(header: string | undefined, token: string): boolean {
  const presented = Buffer.from(/^Bearer (.+)$/i.exec(header ?? "")?.[1]?.trim() ?? "");
  const expected = Buffer.from(token);
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}

export function handleAdminRequest(
  registry: AppRegistry,
  oauth: OAuthRegistry,
  inbound: InboundRequest,
  access: AdminAccess,
): void {
  const { req, res } = inbound;
  const headers = { "X-Request-Id": inbound.requestId };
  if (!access.allowRemote && !LOOPBACK.has(req.socket.remoteAddress ?? "")) {
    writeJson(res, 403, { error: "The sandbox admin API only answers loopback callers" }, headers);
    return;
  }
  const open = inbound.method === "GET" && inbound.path === `${ADMIN_PREFIX}/health`;
  if (!open && !carriesToken(req.headers.authorization, access.token)) {
    const error = "The sandbox admin API needs its admin token: Authorization: Bearer <SANDBOX_ADMIN_TOKEN>";
    writeJson(res, 401, { error }, { ...headers, "WWW-Authenticate": 'Bearer realm="sandbox-admin"' });
    return;
  }
  if (inbound.body.kind === "too_large")
    return writeJson(res, 413, { error: "Request body is too large (the limit is 1 MB)" }, headers);
  if (inbound.body.kind === "aborted") return;
  const parsed = parseJson(inbound.body.raw);
  if (!parsed.ok) return writeJson(res, 400, { error: `Malformed JSON: ${parsed.reason}` }, headers);
  const match = router.match(inbound.method, inbound.path);
  if (!match) return writeJson(res, 404, { error: `No admin endpoint ${inbound.method} ${inbound.path}` }, headers);
  try {
    const result = match.handler({ registry, oauth, params: match.params, query: inbound.query, body: parsed.value });
    writeJson(res, result.status, result.body, headers);
  } catch (error) {
    if (error instanceof z.ZodError) {
      writeJson(
        res,
        400,
        { error: "Invalid request", issues: error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) },
        headers,
      );
    } else if (error instanceof AdminError) {
      writeJson(res, error.status, { error: error.message }, headers);
    } else throw error;
  }
}
