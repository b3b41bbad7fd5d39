import { describe, expect, it } from "vitest";
import { assignRowsToFlows } from "./assign-flow-rows";

const source = (id: string, flowId: string | null, nexsetId: string, originDestinationId: string | null = null) => ({
  id,
  kind: originDestinationId ? "response_webhook" : "file",
  flowId,
  nexsetId,
  originDestinationId,
});
const destination = (id: string, nexsetId: string, flowId: string | null = null) => ({ id, nexsetId, flowId });
const ids = (rows: { id: string }[] | undefined) => rows?.map((r) => r.id);

describe("assignRowsToFlows", () => {
  it("follows the chain: a destination joins its Nexset's flow, and its response source follows it", () => {
    const flows = assignRowsToFlows(
      [source("s1", "F", "n1"), source("r1", null, "n2", "d1"), source("s9", null, "n9")],
      [destination("d1", "n1"), destination("d2", "n2"), destination("d9", "n9")],
    );
    expect(ids(flows.get("F")?.sources)).toEqual(["s1", "r1"]);
    expect(ids(flows.get("F")?.destinations)).toEqual(["d1", "d2"]);
    expect([...flows.keys()]).toEqual(["F"]);
  });

  it("connection beats the rows' own flowId; flowId decides only for rows with nothing upstream", () => {
    const flows = assignRowsToFlows(
      [source("s1", "F", "n1"), source("r1", "G", "n2", "d1")],
      [destination("d1", "n1", "G"), destination("d5", "unknown", "G")],
    );
    expect(ids(flows.get("F")?.destinations)).toEqual(["d1"]);
    expect(ids(flows.get("F")?.sources)).toEqual(["s1", "r1"]);
    expect(ids(flows.get("G")?.destinations)).toEqual(["d5"]);
  });

  it("does not loop on a malformed cycle", () => {
    const flows = assignRowsToFlows([source("r1", null, "n1", "d1")], [destination("d1", "n1", "F")]);
    expect(ids(flows.get("F")?.destinations)).toEqual(["d1"]);
  });
});
