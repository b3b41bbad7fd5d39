import { findEndpoint, findEndpointById } from "@/lib/connectors/intercom/definition";
import { permissionsFor } from "@/lib/connectors/intercom/permissions";
import { destinationConfigSchema } from "@/lib/destinations/schemas";

// Intercom grants permissions per OAuth app, not per request, so the connection's page lists what its
// destinations rely on: the user can compare it with the app's ticked permissions before a 403 does.

export interface DestinationOperation {
  operation: { id: string; name: string } | null;
  permissions: string[];
}

export interface PermissionUse {
  permission: string;
  operations: { id: string; name: string; destinations: { id: string; name: string }[] }[];
}

/** The catalogue operation a destination's config calls (picked by id, else matched by method + URL). */
export function destinationOperation(config: unknown): DestinationOperation {
  const parsed = destinationConfigSchema.safeParse(config);
  if (!parsed.success) return { operation: null, permissions: [] };
  const { endpointId, method, urlTemplate } = parsed.data;
  const endpoint =
    (endpointId ? findEndpointById(endpointId) : undefined) ??
    findEndpoint(method, urlTemplate.replace(/\{[^{}]*\}/g, "x"));
  if (!endpoint) return { operation: null, permissions: [] };
  return { operation: { id: endpoint.id, name: endpoint.name }, permissions: permissionsFor(endpoint.id) };
}

/** Permission → the operations needing it → the destinations calling them, in first-seen order. */
export function groupByPermission(
  destinations: readonly ({ id: string; name: string } & DestinationOperation)[],
): PermissionUse[] {
  const groups = new Map<string, PermissionUse>();
  for (const destination of destinations) {
    if (!destination.operation) continue;
    for (const permission of destination.permissions) {
      const group = groups.get(permission) ?? { permission, operations: [] };
      groups.set(permission, group);
      let operation = group.operations.find((entry) => entry.id === destination.operation?.id);
      if (!operation) {
        operation = { ...destination.operation, destinations: [] };
        group.operations.push(operation);
      }
      operation.destinations.push({ id: destination.id, name: destination.name });
    }
  }
  return [...groups.values()];
}
