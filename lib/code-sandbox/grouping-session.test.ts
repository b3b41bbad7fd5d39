import { describe, expect, it } from "vitest";
import { nodeQuickJSEngine } from "./engine-node";
import { openGroupingSession } from "./grouping-session";
import { DEFAULT_SANDBOX_LIMITS } from "./types";

describe("openGroupingSession (one runtime for the batches of one build)", () => {
  it("evaluates the code once and runs it per batch with that batch's records", async () => {
    const session = await openGroupingSession(
      nodeQuickJSEngine,
      "(records, context) => ({ batch: context.batchIndex, contacts: records })",
    );
    try {
      const first = session.run([{ a: 1 }, { a: 2 }], { batchIndex: 0 });
      const second = session.run([{ b: 3 }], { batchIndex: 1 });
      expect(first.ok && first.serialized).toBe('{"batch":0,"contacts":[{"a":1},{"a":2}]}');
      expect(second.ok && second.serialized).toBe('{"batch":1,"contacts":[{"b":3}]}');
    } finally {
      session.close();
    }
  });

  it("prints untouched records and arrays exactly as given, however the code wraps them", async () => {
    const batch = [
      { email: "a@x.io", note: 'has "quotes", commas and ] brackets' },
      { email: "b@x.io", tags: ["x", ["y"]] },
    ];
    const cases: [string, unknown][] = [
      ["(records) => ({ n: records.length, contacts: records })", { n: 2, contacts: batch }],
      ["(records) => records.map((r) => ({ contact: r }))", batch.map((contact) => ({ contact }))],
      ["(records) => ({ first: records[0].email, all: records })", { first: "a@x.io", all: batch }],
      ["(records) => [records, records]", [batch, batch]],
    ];
    for (const [code, expected] of cases) {
      const session = await openGroupingSession(nodeQuickJSEngine, code);
      try {
        expect(session.run(batch, {})).toMatchObject({ ok: true, serialized: JSON.stringify(expected) });
      } finally {
        session.close();
      }
    }
  });

  it("keeps records the code holds on to from an earlier batch intact", async () => {
    const code =
      "let previous = null;\n(records) => { const body = { now: records, before: previous }; previous = records; return body; }";
    const session = await openGroupingSession(nodeQuickJSEngine, code);
    try {
      session.run([{ a: 1 }], {});
      expect(session.run([{ b: 2 }], {})).toMatchObject({
        ok: true,
        serialized: '{"now":[{"b":2}],"before":[{"a":1}]}',
      });
      const touched = await openGroupingSession(
        nodeQuickJSEngine,
        "let kept = [];\n(records) => { kept = kept.concat(records); return kept.map((r) => Object.keys(r)[0]); }",
      );
      try {
        touched.run([{ a: 1 }], {});
        expect(touched.run([{ b: 2 }], {})).toMatchObject({ ok: true, serialized: '["a","b"]' });
      } finally {
        touched.close();
      }
    } finally {
      session.close();
    }
  });

  it("gives each batch the full time limit", async () => {
    const limits = { ...DEFAULT_SANDBOX_LIMITS, timeMs: 400 };
    const session = await openGroupingSession(
      nodeQuickJSEngine,
      "(records) => { const end = Date.now() + 150; while (Date.now() < end) {} return records.length; }",
      limits,
    );
    try {
      for (let batch = 0; batch < 3; batch++)
        expect(session.run([{}], {})).toMatchObject({ ok: true, serialized: "1" });
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
    const session = await openGroupingSession(
      nodeQuickJSEngine,
      "(records, context) => { if (context.bomb) { const k = []; while (true) k.push(new Uint8Array(1 << 20)); } return records.length; }",
    );
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
