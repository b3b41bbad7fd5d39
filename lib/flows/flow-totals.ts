import type { FlowRows } from "./definition-to-flow";
import type { FlowStatus, FlowTotals } from "./view-schemas";

/** The flows list's figures for one flow, and its status: error beats active beats idle. */
export function summariseFlowRows(rows: FlowRows): { status: FlowStatus; totals: FlowTotals } {
  const ownSources = rows.sources.filter((s) => s.kind === "source");
  const totals: FlowTotals = {
    sources: ownSources.length,
    destinations: rows.destinations.length,
    activeDestinations: rows.destinations.filter((d) => d.status === "active").length,
    erroredDestinations: rows.destinations.filter((d) => d.status === "error").length,
    undeliveredRecords: rows.destinations.reduce((sum, d) => sum + d.undelivered, 0),
    deliveredToday: rows.destinations.reduce((sum, d) => sum + d.deliveredToday, 0),
  };
  const sourceError = rows.sources.some((s) => s.status === "error");
  const status: FlowStatus =
    rows.sources.length === 0 && rows.destinations.length === 0
      ? "empty"
      : totals.erroredDestinations > 0 || sourceError
        ? "error"
        : totals.activeDestinations > 0
          ? "active"
          : "idle";
  return { status, totals };
}

export function emptyFlowRows(): FlowRows {
  return { sources: [], nexsets: [], destinations: [] };
}
