import type { ConnectorDefinition, EndpointDefinition, HttpMethod } from "@/lib/connectors/types";
import { intercomAuthKinds } from "./auth-kinds";
import { intercomContentFormats } from "./content-formats";
import { intercomEndpoints } from "./endpoints";
import { matchPathTemplate } from "./match-path";
import { intercomSyncOperations } from "./sync/sync-operations";
import { intercomRegions } from "./regions";
import { DEFAULT_API_VERSION, INTERCOM_API_VERSIONS } from "./versions";

export { regionBaseUrl, REGION_IDS, type RegionId } from "./regions";
export { DEFAULT_API_VERSION, INTERCOM_API_VERSIONS } from "./versions";

/** Everything Flowgate knows about Intercom, as data (HOUSE-STYLE 7). */
export const intercomConnector: ConnectorDefinition = Object.freeze({
  id: "intercom",
  name: "Intercom",
  regions: intercomRegions,
  apiVersions: INTERCOM_API_VERSIONS,
  defaultApiVersion: DEFAULT_API_VERSION,
  contentFormats: intercomContentFormats,
  endpoints: intercomEndpoints,
  authKinds: intercomAuthKinds,
});

export interface EndpointMatch {
  endpoint: EndpointDefinition;
  /** Values taken from the concrete path, by template parameter name. */
  pathParams: Record<string, string>;
}

/**
 * The catalogue endpoint a request goes to: method + concrete path (or URL, or URL template with
 * `{attribute}` placeholders), in `version` when given. The most literal template wins, so
 * `/contacts/bulk` is the bulk endpoint, not a contact whose id is "bulk".
 */
export function matchEndpoint(method: string, pathOrUrl: string, version?: string): EndpointMatch | undefined {
  let best: (EndpointMatch & { score: number }) | undefined;
  for (const endpoint of intercomEndpoints) {
    if (endpoint.method !== method.toUpperCase()) continue;
    if (version !== undefined && !endpoint.versions.includes(version)) continue;
    const match = matchPathTemplate(endpoint.path, pathOrUrl);
    if (match && (!best || match.score > best.score)) best = { endpoint, pathParams: match.params, score: match.score };
  }
  return best ? { endpoint: best.endpoint, pathParams: best.pathParams } : undefined;
}

export function findEndpoint(method: string, pathOrUrl: string, version?: string): EndpointDefinition | undefined {
  return matchEndpoint(method, pathOrUrl, version)?.endpoint;
}

/** A catalogue endpoint or a sync operation (picked the same way). */
export function findEndpointById(id: string): EndpointDefinition | undefined {
  return (
    intercomEndpoints.find((endpoint) => endpoint.id === id) ??
    intercomSyncOperations.find((operation) => operation.id === id)
  );
}

/** Endpoints grouped by picker heading, in catalogue order. */
export function endpointsByObject(): Map<string, EndpointDefinition[]> {
  const groups = new Map<string, EndpointDefinition[]>();
  for (const endpoint of intercomEndpoints) {
    const group = groups.get(endpoint.object) ?? [];
    group.push(endpoint);
    groups.set(endpoint.object, group);
  }
  return groups;
}

/** Every method the catalogue knows for this path (any version): used to suggest PUT for a PATCH. */
export function methodsForPath(pathOrUrl: string): HttpMethod[] {
  const methods = new Set<HttpMethod>();
  for (const endpoint of intercomEndpoints) {
    if (matchPathTemplate(endpoint.path, pathOrUrl)) methods.add(endpoint.method);
  }
  return [...methods];
}
