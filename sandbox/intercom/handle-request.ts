import type { IncomingMessage, ServerResponse } from "node:http";
import { decideFault, faultMessage, sleep } from "../faults";
import { buildErrorList, codeForStatus, IntercomError } from "../http/errors";
import { parseJson, type BodyResult } from "../http/read-body";
import { queryObject, recordableBody, recordableHeaders } from "../http/request-record";
import { type HeaderMap, writeBytes, writeJson } from "../http/respond";
import type { Router } from "../http/router";
import { rateLimitHeaders } from "../rate-limit";
import type { Scheduler } from "../scheduler";
import type { AppRegistry } from "../state/app-registry";
import type { SandboxApp } from "../state/sandbox-app";
import { authenticate, bearerToken } from "./authenticate";
import { assertPermitted } from "./permission-check";
import type { IntercomResult, IntercomRoute } from "./route-types";
import { resolveVersion } from "./versions";

// One Intercom request, in Intercom's order: token, rate limit, (injected faults), version, body,
// route, handler. Every answer carries X-Request-Id; every authenticated one the rate-limit headers.

export interface InboundRequest {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  path: string;
  query: URLSearchParams;
  body: BodyResult;
  requestId: string;
  startedAtMs: number;
}

export interface PipelineDeps {
  registry: AppRegistry;
  router: Router<IntercomRoute>;
  scheduler: Scheduler;
  nextSeq(): number;
  onUnexpectedError(error: unknown, inbound: InboundRequest): void;
}

interface ParsedBody {
  value: unknown;
  ok: boolean;
}

export async function handleIntercomRequest(deps: PipelineDeps, inbound: InboundRequest): Promise<void> {
  const headers: HeaderMap = { "X-Request-Id": inbound.requestId };
  const parsed = parseBodyOnce(inbound);
  const app = authenticate(inbound.req, deps.registry);
  if (!app) {
    const error = new IntercomError(401, "unauthorized", "Access Token Invalid");
    answer(
      deps,
      inbound,
      undefined,
      parsed,
      { status: 401, body: buildErrorList(inbound.requestId, error.errors) },
      headers,
    );
    return;
  }
  const verdict = app.limiter.consume(Date.now(), deps.registry.rateLimitFor(app));
  Object.assign(headers, rateLimitHeaders(verdict));
  if (!verdict.allowed) {
    const error = new IntercomError(
      429,
      "rate_limit_exceeded",
      "You have exceeded the rate limit. Please try again later.",
    );
    answer(deps, inbound, app, parsed, { status: 429, body: buildErrorList(inbound.requestId, error.errors) }, headers);
    return;
  }
  const faults = deps.registry.faultsFor(app);
  if ((faults.latencyMs ?? 0) > 0) await sleep(faults.latencyMs ?? 0);
  const fault = decideFault(faults);
  if (fault.kind === "reset") {
    inbound.req.socket.destroy();
    record(deps, inbound, app, parsed, null);
    return;
  }
  if (fault.kind === "error") {
    const errors = [{ code: codeForStatus(fault.status), message: faultMessage(fault.status) }];
    answer(
      deps,
      inbound,
      app,
      parsed,
      { status: fault.status, body: buildErrorList(inbound.requestId, errors) },
      headers,
    );
    return;
  }
  let result: IntercomResult;
  try {
    result = dispatch(deps, inbound, app, parsed, headers);
  } catch (error) {
    if (!(error instanceof IntercomError)) deps.onUnexpectedError(error, inbound);
    const failure = error instanceof IntercomError ? error : new IntercomError(500, "server_error", "Server Error");
    result = { status: failure.status, body: buildErrorList(inbound.requestId, failure.errors) };
  }
  answer(deps, inbound, app, parsed, result, headers);
}

function dispatch(
  deps: PipelineDeps,
  inbound: InboundRequest,
  app: SandboxApp,
  parsed: ParsedBody,
  headers: HeaderMap,
): IntercomResult {
  const versionHeader = inbound.req.headers["intercom-version"];
  const version = resolveVersion(Array.isArray(versionHeader) ? versionHeader[0] : versionHeader, app.defaultVersion);
  if (!version.ok) {
    throw new IntercomError(
      400,
      "intercom_version_invalid",
      version.known
        ? "Requested resource is not available in current API version."
        : `Intercom-Version '${String(versionHeader)}' is not a valid API version.`,
    );
  }
  headers["Intercom-Version"] = version.version;
  if (inbound.body.kind === "too_large")
    throw new IntercomError(413, "parameter_invalid", "Request body is too large (the limit is 1 MB)");
  if (!parsed.ok) throw new IntercomError(400, "parameter_invalid", "There was a problem in the JSON you submitted");
  const candidates = deps.router.matchAll(inbound.method, inbound.path);
  if (candidates.length === 0) throw new IntercomError(404, "not_found", "Resource Not Found");
  const match = candidates.find((c) => !c.handler.availableIn || c.handler.availableIn(version.version));
  if (!match)
    throw new IntercomError(
      400,
      "intercom_version_invalid",
      "Requested resource is not available in current API version.",
    );
  const token = bearerToken(inbound.req);
  assertPermitted(inbound.method, inbound.path, token ? deps.registry.permissionsOf(token) : undefined);
  return match.handler.handler({
    app,
    version: version.version,
    params: match.params,
    query: inbound.query,
    body: parsed.value,
    headers: inbound.req.headers,
    nowMs: Date.now(),
    baseUrl: `http://${inbound.req.headers.host ?? "127.0.0.1"}`,
    registry: deps.registry,
    scheduler: deps.scheduler,
  });
}

function parseBodyOnce(inbound: InboundRequest): ParsedBody {
  if (inbound.body.kind !== "ok") return { value: undefined, ok: true };
  // Intercom ignores a body on GET; garbage there is not a JSON error.
  if (inbound.method === "GET" || inbound.method === "HEAD") return { value: undefined, ok: true };
  const result = parseJson(inbound.body.raw);
  return result.ok ? { value: result.value, ok: true } : { value: undefined, ok: false };
}

function answer(
  deps: PipelineDeps,
  inbound: InboundRequest,
  app: SandboxApp | undefined,
  parsed: ParsedBody,
  result: IntercomResult,
  headers: HeaderMap,
): void {
  if (inbound.res.destroyed) return;
  if (result.bytes)
    writeBytes(inbound.res, result.status, result.bytes.data, result.bytes.contentType, {
      ...headers,
      ...result.bytes.headers,
    });
  else writeJson(inbound.res, result.status, result.body, headers);
  record(deps, inbound, app, parsed, result.status);
}

function record(
  deps: PipelineDeps,
  inbound: InboundRequest,
  app: SandboxApp | undefined,
  parsed: ParsedBody,
  status: number | null,
): void {
  const entry = {
    seq: deps.nextSeq(),
    time: new Date(inbound.startedAtMs).toISOString(),
    appId: app?.id ?? null,
    requestId: inbound.requestId,
    method: inbound.method,
    path: inbound.path,
    query: queryObject(inbound.query),
    headers: recordableHeaders(inbound.req),
    body: recordableBody(inbound.body, parsed.value, parsed.ok),
    status,
    durationMs: Date.now() - inbound.startedAtMs,
  };
  (app ? app.requests : deps.registry.unattributed).push(entry);
}
