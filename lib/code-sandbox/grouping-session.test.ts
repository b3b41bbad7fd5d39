import { describe, expect, it } from "vitest";
import { nodeQuickJSEngine } from "./engine-node";
import { openGroupingSession } from "./grouping-session";
import { DEFAULT_SANDBOX_LIMITS } from "./types";

describe("openGroupingSession (one runtime for the batches of one build)", () => {
  it("evaluates the code once and runs it per batch with that batch's records", async () => {
    const session = await openGroupingSession(nodeQuickJSEngine, "(records, context) => ({ batch: context.batchIndex, contacts: records })");
    try {
      const first = session.run([{ a: 1 }, { a: 2 }], { batchIndex: 0 });
      const second = session.run([{ b: 3 }], { batchIndex: 1 });
      expect(first.ok && first.serialized).toBe('{"batch":0,"contacts":[{"a":1},{"a":2}]}');
      expect(second.ok && second.serialized).toBe('{"batch":1,"contacts":[{"b":3}]}');
    } finally {
      session.close();
    }
  });

  it("gives each batch the full time limit", async () => {
    const limits = { ...DEFAULT_SANDBOX_LIMITS, timeMs: 400 };
    const session = await openGroupingSession(nodeQuickJSEngine, "(records) => { const end = Date.now() + 150; while (Date.now() < end) {} return records.length; }", limits);
    try {
      for (let batch = 0; batch < 3; batch++) expect(session.run([{}], {})).toMatchObject({ ok: true, serialized: "1" });
    } finally {
      session.close();
    }
  });

  it("reports a code error on every batch without running anything", async () => {
    const session = await openGroupingSession(nodeQuickJSEngine, "(records) => {");
    try {
      expect(session.run([{}], {})).toMatchObject({ ok: false, error: { kind: "syntax", line: 1 } });
      expect(session.run([{}], {})).toMatchObject({ ok: false, error: { kind: "syntax" } });
    } finally {
      session.close();
    }
  });

  it("stops after out-of-memory: later batches get the same error", async () => {
    const session = await openGroupingSession(nodeQuickJSEngine, "(records, context) => { if (context.bomb) { const k = []; while (true) k.push(new Uint8Array(1 << 20)); } return records.length; }");
    try {
      expect(session.run([{}], {})).toMatchObject({ ok: true, serialized: "1" });
      expect(session.run([{}], { bomb: true })).toMatchObject({ ok: false, error: { kind: "memory" } });
      expect(session.run([{}], {})).toMatchObject({ ok: false, error: { kind: "memory" } });
    } finally {
      session.close();
    }
  });

  it("refuses to run after close", async () => {
    const session = await openGroupingSession(nodeQuickJSEngine, "(records) => records");
    session.close();
    expect(() => session.run([], {})).toThrow("closed");
  });
});
