import {
  defaultSyncIdentifier,
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
  /** The chosen identifier; unchosen, external_id when it is mapped (or the unmapped record has it), else email. */
  identifierFor(body: string | undefined): SyncIdentifier;
  /** company + attach: the contact identifier's value in this record. */
  contactIdentifierOf(record: DestinationRecord): unknown;
}

export function syncModeOf(config: DestinationConfig): SyncMode | undefined {
  const operation = findSyncOperation(config.endpointId);
  if (!operation) return undefined;
  // With a field mapping, "mapped" is the mapping's targets (a record whose external_id is empty
  // may have it left out of its body); without one, the body is the record itself.
  const mapped = config.mapping?.enabled
    ? defaultSyncIdentifier(config.mapping.rows.map((row) => row.target))
    : undefined;
  const identifierFor = (body: string | undefined): SyncIdentifier =>
    config.syncIdentifier ?? mapped ?? (bodyHasField(body, "external_id") ? "external_id" : "email");
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
