import { describe, expect, it } from "vitest";
import {
  checkGroupingCodeInNode,
  createInProcessCodeRunner,
  createNodeCodeRunner,
} from "@/lib/code-sandbox/engine-node";
import { hardDeadlineMs } from "@/lib/code-sandbox/thread-pool";
import { type CodeRunResult, DEFAULT_SANDBOX_LIMITS, type SandboxLimits } from "@/lib/code-sandbox/types";

// Issue 7 item 4: the grouping code a user types is hostile until proven otherwise. The QuickJS
// limits themselves are tested in lib/code-sandbox/run-grouping-code.test.ts; this file attacks the
// server-side runner (createNodeCodeRunner: QuickJS in a worker thread with a hard deadline) and
// proves why the thread is needed: in-process, one long builtin outruns the time limit and every
// run freezes the host's event loop.

const records = [{ email: "ada@example.com" }, { email: "bob@example.com" }];
const FAST: SandboxLimits = { ...DEFAULT_SANDBOX_LIMITS, timeMs: 300 };
// Quadratic BigInt → decimal conversion: seconds inside ONE builtin call, where QuickJS's interrupt
// handler never runs; and a short loop of them, too few bytecodes for its countdown to fire at all.
const ONE_BIGINT_CALL = "(records) => (7n ** 300000n).toString().length";
const BIGINT_BOMB =
  "(records) => { let n = 0; for (let i = 0; i < 50; i++) n += (7n ** 300000n).toString().length; return n; }";

const errorOf = (result: CodeRunResult) => (result.ok ? undefined : result.error);

/** Runs `work`, measuring its time and the longest the event loop went without running a timer. */
async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; longestStallMs: number }> {
  let last = performance.now();
  let longestStallMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longestStallMs = Math.max(longestStallMs, now - last);
    last = now;
  }, 10);
  const started = performance.now();
  try {
    const value = await work();
    longestStallMs = Math.max(longestStallMs, performance.now() - last);
    return { value, ms: performance.now() - started, longestStallMs };
  } finally {
    clearInterval(timer);
  }
}

describe("why user code runs in a thread (in-process, for contrast)", () => {
  it("in-process, a single BigInt builtin runs far past the time limit and freezes the event loop", async () => {
    const { value, ms, longestStallMs } = await timed(() =>
      createInProcessCodeRunner(FAST)(ONE_BIGINT_CALL, records, {}),
    );
    expect(ms).toBeGreaterThan(hardDeadlineMs(FAST));
    expect(value.ok).toBe(true);
    expect(longestStallMs).toBeGreaterThan(hardDeadlineMs(FAST));
    // The builtin's own length is the point here; on a busy machine it runs past vitest's 5 s default.
  }, 60_000);
});

describe("createNodeCodeRunner (sandbox thread with a hard deadline)", () => {
  const run = createNodeCodeRunner(FAST);
  const healthy = async () =>
    expect((await run("(records) => ({ n: records.length })", records, {})).ok && "served").toBe("served");

  it("stops the BigInt bomb at the hard deadline with the time-limit error, and serves the next run", async () => {
    await healthy(); // the thread is up, so its start-up time is not measured below
    const { value, ms } = await timed(() => run(BIGINT_BOMB, records, {}));
    expect(errorOf(value)).toEqual({ kind: "timeout", message: "Your code ran longer than 300 ms" });
    expect(ms).toBeLessThan(hardDeadlineMs(FAST) + 1_500);
    await healthy();
  });

  it("keeps the host's event loop running while user code loops", async () => {
    await healthy();
    const { value, longestStallMs } = await timed(() => run("(records) => { while (true) {} }", records, {}));
    expect(errorOf(value)).toMatchObject({ kind: "timeout", message: "Your code ran longer than 300 ms" });
    expect(longestStallMs).toBeLessThan(FAST.timeMs / 2);
  });

  it.each([
    ["an infinite loop", "(records) => { for (;;) {} }", { kind: "timeout" }],
    ["catastrophic regex backtracking", "(records) => /(a+)+$/.test('a'.repeat(40) + 'b')", { kind: "timeout" }],
    ["an endless promise chain", "async (records) => { for (;;) await null; }", { kind: "timeout" }],
    [
      "a memory bomb",
      "(records) => { const keep = []; for (;;) keep.push('x'.repeat(1 << 20) + keep.length); }",
      { kind: "memory", message: "Your code used more than 32 MB" },
    ],
    ["a stack bomb", "(records) => { const f = () => f() + 1; return f(); }", { kind: "stack" }],
    [
      "this.constructor.constructor('return process')()",
      "(records) => this.constructor.constructor('return process')()",
      { kind: "runtime", message: "Line 1: ReferenceError: 'process' is not defined" },
    ],
    [
      "require through Function",
      "(records) => Function('return require')()('child_process')",
      { kind: "runtime", message: expect.stringContaining("'require' is not defined") },
    ],
    [
      "huge output",
      "(records) => 'x'.repeat(6 * 1024 * 1024)",
      { kind: "output", message: "Output is larger than 5 MB" },
    ],
    [
      "a throw",
      "(records) => { throw new Error('nope: ' + records[0].email); }",
      { kind: "runtime", message: "Line 1: Error: nope: ada@example.com" },
    ],
  ])("%s ends with a clear error, then the runner serves the next run", async (_name, code, expected) => {
    expect(errorOf(await run(code, records, {}))).toMatchObject(expected);
    await healthy();
  });

  it("has no host objects: process, require, std/os, timers, network, shared memory", async () => {
    // (SharedArrayBuffer exists but is inert: there is no Atomics and no other thread to share with.)
    const probe =
      "(records) => [typeof process, typeof require, typeof std, typeof os, typeof print, typeof console, typeof fetch, typeof setTimeout, typeof Atomics, typeof WebAssembly, typeof globalThis.process]";
    const result = await run(probe, records, {});
    expect(result.ok && JSON.parse(result.serialized)).toEqual(Array(11).fill("undefined"));
  });

  it("a session stopped by the hard deadline answers its later batches at once; a new session works", async () => {
    const session = await run.openSession!(
      `(records, context) => context.bomb ? (${BIGINT_BOMB})(records) : records.length`,
    );
    try {
      expect(await session.run(records, {})).toMatchObject({ ok: true, serialized: "2" });
      expect(errorOf(await session.run(records, { bomb: true }))).toMatchObject({ kind: "timeout" });
      const { value, ms } = await timed(async () => session.run(records, {}));
      expect(errorOf(value)).toMatchObject({ kind: "timeout" });
      expect(ms).toBeLessThan(50);
    } finally {
      session.close();
    }
    await healthy();
  });

  it("one session looping does not hold up another (the pool has more than one thread)", async () => {
    await Promise.all([healthy(), healthy()]);
    const looping = run("(records) => { while (true) {} }", records, {});
    const { value, ms } = await timed(() => run("(records) => records.length", records, {}));
    expect(value).toMatchObject({ ok: true, serialized: "2" });
    expect(ms).toBeLessThan(FAST.timeMs);
    expect(errorOf(await looping)).toMatchObject({ kind: "timeout" });
  });

  it("checks code for the editor in the thread too: top-level code is stopped at the hard deadline", async () => {
    const { value, ms } = await timed(() =>
      checkGroupingCodeInNode(`const n = (${BIGINT_BOMB})([]); (records) => n`, FAST),
    );
    expect(value).toEqual({ ok: false, error: { kind: "timeout", message: "Your code ran longer than 300 ms" } });
    expect(ms).toBeLessThan(hardDeadlineMs(FAST) + 3_000);
    expect(await checkGroupingCodeInNode("(records) => records", FAST)).toEqual({ ok: true });
  });
});
