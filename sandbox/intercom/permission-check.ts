import { matchEndpoint } from "@/lib/connectors/intercom/definition";
import { matchPathTemplate } from "@/lib/connectors/intercom/match-path";
import {
  firstMissingPermission,
  type IntercomPermission,
  permissionsFor,
  scopeIdOf,
  UNCATALOGUED_ENDPOINT_PERMISSIONS,
} from "@/lib/connectors/intercom/permissions";
import { IntercomError } from "../http/errors";

// Intercom grants an OAuth token the permissions ticked on the app that issued it, and refuses a call
// whose endpoint needs another. What it answers, from its OpenAPI (2.16 and Preview, the macros
// endpoints' "Forbidden - missing required OAuth scope" example):
//   403 {"type":"error.list","request_id":…,"errors":[{"code":"forbidden",
//        "message":"You do not have the required scope (read_conversations) to access this resource"}]}
// Which permission an endpoint needs is the catalogue's (lib/connectors/intercom/permissions.ts), the
// one mapping Flowgate also uses to explain a 403; the sandbox does not keep a second one.

/** The permissions `method path` needs; undefined when nothing records it. */
export function permissionsForRequest(method: string, path: string): IntercomPermission[] | undefined {
  const endpoint = matchEndpoint(method, path)?.endpoint;
  if (endpoint) return permissionsFor(endpoint.id);
  for (const [route, needed] of Object.entries(UNCATALOGUED_ENDPOINT_PERMISSIONS)) {
    const [routeMethod, template] = route.split(" ") as [string, string];
    if (routeMethod === method && matchPathTemplate(template, path)) return [...needed];
  }
  return undefined;
}

/** Throws Intercom's 403 when a token limited to `granted` may not call `method path`. */
export function assertPermitted(method: string, path: string, granted: readonly string[] | undefined): void {
  if (!granted) return;
  // An endpoint nothing records needs a permission nobody can have been granted: refused.
  const needed = permissionsForRequest(method, path);
  const missing = needed ? firstMissingPermission(granted, needed) : undefined;
  if (needed && !missing) return;
  const scope = missing ? scopeIdOf(missing) : "unknown";
  throw new IntercomError(403, "forbidden", `You do not have the required scope (${scope}) to access this resource`);
}
