import { intercomConnector } from "./intercom/definition";
import type { ConnectorDefinition } from "./types";

/** Every connector Flowgate ships, by id (Destination.connector). Intercom is the first. */
export const connectors: Readonly<Record<string, ConnectorDefinition>> = Object.freeze({
  [intercomConnector.id]: intercomConnector,
});

export function findConnector(id: string): ConnectorDefinition | undefined {
  return connectors[id];
}
