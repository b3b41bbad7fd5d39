import { describe, expect, it } from "vitest";
import { callOutcomeOf, formatLatency, formatSeqRange, outcomeOf, prettyBody } from "./format";
import { ACTIVE_POLL_MS, IDLE_POLL_MS, pollIntervalFor } from "./polling";

describe("monitoring formatting", () => {
  it("pretty-prints JSON bodies and leaves anything else as it was sent", () => {
    expect(prettyBody('{"a":[1,2]}')).toBe('{\n  "a": [\n    1,\n    2\n  ]\n}');
    expect(prettyBody("not json {")).toBe("not json {");
    expect(prettyBody(null)).toBe("");
  });

  it("names record ranges, latencies and outcomes the way the page shows them", () => {
    expect(formatSeqRange(4, 4)).toBe("#4");
    expect(formatSeqRange(1, 100)).toBe("#1–100");
    expect(formatSeqRange(null, null)).toBe("—");
    expect(formatLatency(850)).toBe("850 ms");
    expect(formatLatency(1_234)).toBe("1.23 s");
    expect(outcomeOf("permanent")).toMatchObject({ label: "Error record", tone: "danger" });
    // A plain create's 409 left Intercom's old values: a warning that points at "Create or update".
    expect(outcomeOf("conflict")).toMatchObject({ label: "Not updated — exists", tone: "warning" });
    expect(outcomeOf("conflict").hint).toContain("Create or update a contact");
    expect(outcomeOf("something-new").label).toBe("something-new");
  });

  it("labels a sync sequence's calls by step and its concluding call by the record's outcome", () => {
    expect(callOutcomeOf({ outcome: "conflict", syncStep: "create", recordOutcome: null }).label).toBe(
      "Exists — updating",
    );
    expect(callOutcomeOf({ outcome: "success", syncStep: "update", recordOutcome: "updated" })).toMatchObject({
      label: "Updated",
      tone: "success",
    });
    expect(callOutcomeOf({ outcome: "conflict", syncStep: null, recordOutcome: null }).tone).toBe("warning");
  });

  it("polls fast while active or while a replay runs, slowly otherwise", () => {
    expect(pollIntervalFor("active")).toBe(ACTIVE_POLL_MS);
    expect(pollIntervalFor("paused")).toBe(IDLE_POLL_MS);
    expect(pollIntervalFor("paused", true)).toBe(ACTIVE_POLL_MS);
    expect(ACTIVE_POLL_MS).toBeLessThanOrEqual(3_000);
  });
});
