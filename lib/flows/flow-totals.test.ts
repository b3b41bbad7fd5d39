import { describe, expect, it } from "vitest";
import { summariseFlowRows } from "./flow-totals";
import { chainRows, destinationRow, sourceRow } from "./testing/flow-rows";

describe("summariseFlowRows", () => {
  it("counts own sources (not response sources), destinations, undelivered records and today's deliveries", () => {
    const rows = chainRows();
    rows.destinations = [
      destinationRow("d1", "n1", { status: "active", undelivered: 5, deliveredToday: 35 }),
      destinationRow("d2", "n2", { undelivered: 40 }),
    ];
    expect(summariseFlowRows(rows)).toEqual({
      status: "active",
      totals: {
        sources: 1,
        destinations: 2,
        activeDestinations: 1,
        erroredDestinations: 0,
        undeliveredRecords: 45,
        deliveredToday: 35,
      },
    });
  });

  it("is empty with no rows, idle with only drafts, in error when a destination or a source is", () => {
    expect(summariseFlowRows({ sources: [], nexsets: [], destinations: [] }).status).toBe("empty");
    expect(summariseFlowRows(chainRows()).status).toBe("idle");
    const errored = chainRows();
    errored.destinations[0] = destinationRow("d1", "n1", { status: "error" });
    expect(summariseFlowRows(errored).status).toBe("error");
    const failingSource = chainRows();
    failingSource.sources[0] = sourceRow("s1", "n1", { status: "error" });
    expect(summariseFlowRows(failingSource).status).toBe("error");
  });
});
