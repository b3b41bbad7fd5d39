import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { log } from "@/lib/log";
import { clientAddress } from "@/lib/throttle/client-address";
import { throttleRequest } from "@/lib/throttle/request-limits";
import { authenticateRequest, type OrgFor } from "./authenticate-request";
import { errorToResponse } from "./error-to-response";
import { errorResponse, jsonResponse } from "./json";
import { parseRequest } from "./parse-request";
import { routePatternOf } from "./route-pattern";
import type { ApiOptions, AuthMode, Schema } from "./route-spec";

type Parsed<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;
type Result<R extends Schema> = R extends z.ZodType ? z.input<R> | Response : unknown;

export interface ApiContext<A extends AuthMode, B extends Schema, Q extends Schema, P extends Schema> {
  req: Request;
  body: Parsed<B>;
  query: Parsed<Q>;
  params: Parsed<P>;
  org: OrgFor<A>;
  requestId: string;
}

/** Next's second route-handler argument; optional so tests can call handlers with a Request alone. */
export interface RouteContext {
  params?: Promise<Record<string, string | string[] | undefined>>;
}
export type RouteHandler = (req: Request, ctx?: RouteContext) => Promise<Response>;

function requestIdFor(req: Request): string {
  const fromProxy = req.headers.get("x-request-id");
  return fromProxy && /^[\w.-]{8,128}$/.test(fromProxy) ? fromProxy : randomUUID();
}

function withRequestId(response: Response, requestId: string): Response {
  try {
    response.headers.set("x-request-id", requestId);
    return response;
  } catch {
    // Immutable headers (Response.redirect, fetch responses): copy into a new Response.
    const copy = new Response(response.body, response);
    copy.headers.set("x-request-id", requestId);
    return copy;
  }
}

/**
 * The one wrapper every route handler goes through: authentication (401), CSRF origin check for
 * cookie-authenticated writes (403), zod parsing of params/query/body (400 with dotted field
 * paths), the route's throttle (429), error mapping (DomainError → its status; anything else → 500 with a logged request id),
 * and BigInt-safe JSON for plain return values.
 */
export function withApi<
  A extends AuthMode,
  B extends Schema = undefined,
  Q extends Schema = undefined,
  P extends Schema = undefined,
  R extends Schema = undefined,
>(
  options: ApiOptions<A, B, Q, P, R>,
  handler: (ctx: ApiContext<A, B, Q, P>) => Promise<Result<R>> | Result<R>,
): RouteHandler {
  return async (req, routeContext) => {
    const requestId = requestIdFor(req);
    const rawParams = (await routeContext?.params) ?? {};
    const path = routePatternOf(options, new URL(req.url).pathname, rawParams);
    try {
      const org = await authenticateRequest(req, options.auth, options.originCheck);
      if (org instanceof Response) return withRequestId(org, requestId);
      const parsed = await parseRequest(req, rawParams, options);
      if (parsed instanceof Response) return withRequestId(parsed, requestId);
      if (options.throttle) {
        const organisationId = org && "organisationId" in org ? org.organisationId : undefined;
        await throttleRequest(options.throttle, { organisationId, address: clientAddress(req.headers) });
      }
      const context = { req, ...parsed, org, requestId } as ApiContext<A, B, Q, P>;
      const result: unknown = await handler(context);
      if (result instanceof Response) return withRequestId(result, requestId);
      if (result === undefined) return withRequestId(new Response(null, { status: 204 }), requestId);
      if (!options.response) return withRequestId(jsonResponse(result, { status: options.status ?? 200 }), requestId);
      const checked = options.response.safeParse(result);
      if (!checked.success) {
        log.error(
          { requestId, path, issues: checked.error.issues.slice(0, 5) },
          "route handler returned a value its response schema refuses",
        );
        return withRequestId(
          errorResponse(500, {
            code: "internal",
            message: `The server produced an invalid answer. Reference: ${requestId}.`,
            requestId,
          }),
          requestId,
        );
      }
      return withRequestId(jsonResponse(checked.data, { status: options.status ?? 200 }), requestId);
    } catch (error) {
      return withRequestId(errorToResponse(error, { requestId, method: req.method, path }), requestId);
    }
  };
}
