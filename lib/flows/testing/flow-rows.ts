import type { FlowRows } from "../definition-to-flow";
import type { DestinationNodeData, NexsetNodeData, ResponseSourceNodeData, SourceNodeData } from "../view-schemas";

// Row builders for the flows' unit tests: only what a test names differs from a plain row.

export function sourceRow(refId: string, nexsetId: string | null, extra: Partial<SourceNodeData> = {}): SourceNodeData {
  return {
    kind: "source",
    refId,
    name: refId,
    sourceKind: "file",
    status: "ready",
    statusMessage: null,
    nexsetId,
    recordCount: 0,
    scheduleMinutes: null,
    lastRun: null,
    ...extra,
  };
}

export function responseSourceRow(
  refId: string,
  nexsetId: string,
  originDestinationId: string,
): ResponseSourceNodeData {
  return {
    kind: "response_source",
    refId,
    name: `${refId} responses`,
    status: "ready",
    statusMessage: null,
    nexsetId,
    recordCount: 0,
    originDestinationId,
  };
}

export function nexsetRow(refId: string, sourceId: string, recordCount = 0): NexsetNodeData {
  return { kind: "nexset", refId, name: refId, sourceId, recordCount, attributeCount: 0 };
}

export function destinationRow(
  refId: string,
  nexsetId: string,
  extra: Partial<DestinationNodeData> = {},
): DestinationNodeData {
  return {
    kind: "destination",
    refId,
    name: refId,
    status: "draft",
    statusMessage: null,
    nexsetId,
    method: "POST",
    urlTemplate: "/contacts",
    total: 0,
    delivered: 0,
    undelivered: 0,
    errorRecords: 0,
    deliveredToday: 0,
    ...extra,
  };
}

/** file source s1 → n1 → destination d1 (GET companies) → response source r1 → n2 → destination d2. */
export function chainRows(): FlowRows {
  return {
    sources: [sourceRow("s1", "n1"), responseSourceRow("r1", "n2", "d1")],
    nexsets: [nexsetRow("n1", "s1", 40), nexsetRow("n2", "r1", 40)],
    destinations: [destinationRow("d1", "n1", { method: "GET" }), destinationRow("d2", "n2")],
  };
}
