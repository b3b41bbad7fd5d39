import {
  findSyncOperation,
  type SyncIdentifier,
  type SyncOperationDefinition,
} from "@/lib/connectors/intercom/sync/sync-operations";
import type { DestinationRecord } from "./build-types";
import type { DestinationConfig } from "./schemas";

// A destination whose endpoint is a sync operation: how its records are identified. Read by the
// worker, Send Test and the Sample Payload panel alike.

export interface SyncMode {
  operation: SyncOperationDefinition;
  /** The chosen identifier; unchosen, external_id when the mapped body carries that field, else email. */
  identifierFor(body: string | undefined): SyncIdentifier;
  /** company + attach: the contact identifier's value in this record. */
  contactIdentifierOf(record: DestinationRecord): unknown;
}

export function syncModeOf(config: DestinationConfig): SyncMode | undefined {
  const operation = findSyncOperation(config.endpointId);
  if (!operation) return undefined;
  const identifierFor = (body: string | undefined): SyncIdentifier =>
    config.syncIdentifier ?? (bodyHasField(body, "external_id") ? "external_id" : "email");
  return {
    operation,
    identifierFor,
    contactIdentifierOf: (record) => {
      const attribute = config.syncContactAttribute || config.syncIdentifier || "email";
      return record[attribute];
    },
  };
}

function bodyHasField(body: string | undefined, field: string): boolean {
  if (body === undefined) return false;
  try {
    const parsed: unknown = JSON.parse(body);
    return parsed !== null && typeof parsed === "object" && field in parsed;
  } catch {
    return false;
  }
}
