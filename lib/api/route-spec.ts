import type { z } from "zod";
import type { ThrottledAction } from "@/lib/throttle/request-limits";

export type AuthMode = "session" | "api-key" | "session-or-api-key" | "public";
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export type Schema = z.ZodType | undefined;

/** What withApi needs to guard and parse a handler. */
export interface ApiOptions<
  A extends AuthMode = AuthMode,
  B extends Schema = Schema,
  Q extends Schema = Schema,
  P extends Schema = Schema,
  R extends Schema = Schema,
> {
  auth: A;
  body?: B;
  query?: Q;
  params?: P;
  /** When set, a handler's non-Response result is parsed with it (unknown keys are dropped). */
  response?: R;
  /** Success status for a non-Response result (default 200; 204 when the handler returns undefined). */
  status?: number;
  /** Check Origin on state-changing requests even without a session (sign-up: login CSRF). */
  originCheck?: boolean;
  /** Largest JSON body accepted (default 1 MiB). */
  maxBodyBytes?: number;
  /** Counted per organisation and client address after parsing; over the limit → 429 (lib/throttle/). */
  throttle?: ThrottledAction;
}

/** A route as the OpenAPI document describes it; also valid as withApi's options. */
export interface ApiRouteSpec<
  A extends AuthMode = AuthMode,
  B extends Schema = Schema,
  Q extends Schema = Schema,
  P extends Schema = Schema,
  R extends Schema = Schema,
> extends ApiOptions<A, B, Q, P, R> {
  method: HttpMethod;
  /** OpenAPI-style path: /api/v1/flows/{flowId}. */
  path: string;
  summary: string;
  description?: string;
  tags?: string[];
  operationId?: string;
  /** Error statuses worth documenting beyond the usual 400/401/500. */
  errors?: number[];
}

export type AnyApiRouteSpec = ApiRouteSpec<AuthMode, Schema, Schema, Schema, Schema>;

export function defineApiRoute<
  A extends AuthMode,
  B extends Schema = undefined,
  Q extends Schema = undefined,
  P extends Schema = undefined,
  R extends Schema = undefined,
>(spec: ApiRouteSpec<A, B, Q, P, R>): ApiRouteSpec<A, B, Q, P, R> {
  return spec;
}

/**
 * The routes of one domain (lib/<domain>/api-routes.ts) share their OpenAPI tags and, mostly, their
 * auth: say them once here instead of in every definition.
 */
export function defineApiRouteGroup<GroupAuth extends AuthMode>(shared: { tags: string[]; auth: GroupAuth }) {
  return function defineGroupRoute<
    A extends AuthMode = GroupAuth,
    B extends Schema = undefined,
    Q extends Schema = undefined,
    P extends Schema = undefined,
    R extends Schema = undefined,
  >(spec: Omit<ApiRouteSpec<A, B, Q, P, R>, "tags" | "auth"> & { auth?: A }): ApiRouteSpec<A, B, Q, P, R> {
    // Without its own auth a route takes the group's: A is then GroupAuth, its default.
    return { ...spec, tags: shared.tags, auth: (spec.auth ?? shared.auth) as A };
  };
}
