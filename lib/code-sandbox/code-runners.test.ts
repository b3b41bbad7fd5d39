import { describe, expect, it } from "vitest";
import { createBrowserCodeRunner } from "./engine-browser";
import { checkGroupingCodeInNode, createNodeCodeRunner, nodeQuickJSEngine } from "./engine-node";
import { DEFAULT_MAX_HEAP_BYTES } from "./quickjs-engine";
import { STARTER_GROUPING_CODE } from "./starter-code";
import type { CodeRunResult } from "./types";

const run = createNodeCodeRunner();
const records = [
  { email: "ada@example.com", tags: ["a"], nested: { plan: "pro" }, note: 'quote " and \\ and \u0000 and é' },
  { email: "bob@example.com", tags: [], nested: { plan: "free" }, note: null },
];

function body(result: CodeRunResult): string {
  if (!result.ok) throw new Error(`expected success, got ${result.error.message}`);
  return result.serialized;
}

function errorOf(result: CodeRunResult) {
  if (result.ok) throw new Error(`expected an error, got ${result.serialized.slice(0, 100)}`);
  return result.error;
}

describe("code runners: results", () => {
  it("returns the starter template's body, byte-for-byte what JSON.stringify gives", async () => {
    const result = await run(STARTER_GROUPING_CODE, records, { batchIndex: 0 });
    expect(body(result)).toBe(JSON.stringify({ contacts: records }));
    expect(result.ok && result.value).toEqual({ contacts: records });
  });

  it("passes records and context in as JSON", async () => {
    const result = await run(
      "(records, context) => ({ n: records.length, first: records[0].email, context })",
      records,
      { batchIndex: 3, url: "https://x" },
    );
    expect(body(result)).toBe('{"n":2,"first":"ada@example.com","context":{"batchIndex":3,"url":"https://x"}}');
  });

  it("sends a returned string as is", async () => {
    const result = await run("(records) => records.map((r) => r.email).join('\\n')", records, {});
    expect(body(result)).toBe("ada@example.com\nbob@example.com");
    expect(result.ok && result.value).toBe("ada@example.com\nbob@example.com");
  });

  it("sees changes to records, including nested ones, and keeps untouched records exact", async () => {
    const code =
      "(records) => { records[0].tags.push('b'); records[1].nested.plan = 'pro'; delete records[1].note; return records; }";
    const expected = structuredClone(records) as Array<
      Record<string, unknown> & { tags: string[]; nested: { plan: string } }
    >;
    expected[0]!.tags.push("b");
    expected[1]!.nested.plan = "pro";
    delete expected[1]!.note;
    expect(body(await run(code, records, {}))).toBe(JSON.stringify(expected));
    expect(body(await run("(records) => [records[1], records[0], records[1]]", records, {}))).toBe(
      JSON.stringify([records[1], records[0], records[1]]),
    );
  });

  it("behaves like plain objects for spread, keys, in and JSON.stringify inside the code", async () => {
    const code =
      "(records) => ({ spread: { ...records[0], x: 1 }, keys: Object.keys(records[1]), has: 'email' in records[0], text: JSON.stringify(records[1]) })";
    expect(JSON.parse(body(await run(code, records, {})))).toEqual({
      spread: { ...records[0], x: 1 },
      keys: ["email", "tags", "nested", "note"],
      has: true,
      text: JSON.stringify(records[1]),
    });
  });

  it("stays correct when a record is serialized by the user's own toJSON during serialization", async () => {
    const code = "(records) => ({ wrapped: { toJSON() { return JSON.stringify(records[0]); } }, plain: records[1] })";
    expect(body(await run(code, records, {}))).toBe(
      JSON.stringify({ wrapped: JSON.stringify(records[0]), plain: records[1] }),
    );
  });

  it("handles records with __proto__ or toJSON attributes", async () => {
    const odd = [JSON.parse('{"__proto__": {"x": 1}, "toJSON": "field", "a": 2}') as Record<string, unknown>];
    expect(body(await run("(records) => ({ contacts: records })", odd, {}))).toBe(JSON.stringify({ contacts: odd }));
  });

  it("awaits an async function", async () => {
    expect(body(await run("async (records) => { await null; return { n: records.length }; }", records, {}))).toBe(
      '{"n":2}',
    );
  });

  it("allows helpers before the function", async () => {
    expect(
      body(
        await run(
          "const shout = (s) => s.toUpperCase();\n(records) => records.map((r) => shout(r.email))",
          records,
          {},
        ),
      ),
    ).toBe('["ADA@EXAMPLE.COM","BOB@EXAMPLE.COM"]');
  });

  it("is the same engine in the browser build", async () => {
    const code = "(records, context) => ({ contacts: records.map((r) => ({ ...r, batch: context.batchIndex })) })";
    expect(body(await createBrowserCodeRunner()(code, records, { batchIndex: 1 }))).toBe(
      body(await run(code, records, { batchIndex: 1 })),
    );
  });
});

describe("code runners: hostile and broken code", () => {
  it("stops an infinite loop at the time limit", async () => {
    expect(errorOf(await run("(records) => { while (true) {} }", records, {}))).toMatchObject({
      kind: "timeout",
      message: "Your code ran longer than 1000 ms",
    });
  });

  it.each([
    ["1 MB strings", "(records) => { const keep = []; for (let i = 0; ; i++) keep.push('x'.repeat(1 << 20) + i); }"],
    ["typed arrays", "(records) => { const keep = []; while (true) keep.push(new Uint8Array(1 << 20)); }"],
    ["big arrays", "(records) => { const keep = []; while (true) keep.push(new Array(1e6).fill(keep.length)); }"],
  ])(
    "stops a memory bomb (%s) at the memory limit, keeps the heap capped, then serves the next run",
    async (_name, bomb) => {
      expect(errorOf(await run(bomb, records, {}))).toMatchObject({
        kind: "memory",
        message: "Your code used more than 32 MB",
      });
      expect(body(await run("(records) => records.length", records, {}))).toBe("2");
      const heap = (await nodeQuickJSEngine.loadModule()).getWasmMemory().buffer.byteLength;
      expect(heap).toBeLessThanOrEqual(DEFAULT_MAX_HEAP_BYTES);
    },
  );

  it("stops runaway recursion, then serves the next run", async () => {
    expect(
      errorOf(await run("(records) => { const f = (n) => f(n + 1) + 1; return f(0); }", records, {})),
    ).toMatchObject({
      kind: "stack",
      message: expect.stringContaining("Your code recursed too deeply (stack overflow)"),
    });
    expect(
      errorOf(
        await run("(records) => { let a = []; for (let i = 0; i < 100000; i++) a = [a]; return a; }", records, {}),
      ).kind,
    ).toBe("stack");
    expect(body(await run("(records) => records.length", records, {}))).toBe("2");
  });

  it("does not reach the host through the Function constructor", async () => {
    expect(body(await run("(records) => this.constructor.constructor('return typeof process')()", records, {}))).toBe(
      "undefined",
    );
    expect(
      errorOf(await run("(records) => this.constructor.constructor('return process')()", records, {})).message,
    ).toBe("Line 1: ReferenceError: 'process' is not defined");
    expect(
      errorOf(await run("(records) => records.constructor.constructor('return require')()('fs')", records, {})).message,
    ).toContain("'require' is not defined");
  });

  it("has no host globals: process, require, fetch, timers, imports", async () => {
    const code =
      "(records) => [typeof process, typeof require, typeof fetch, typeof setTimeout, typeof setInterval, typeof XMLHttpRequest, typeof WebAssembly, typeof globalThis.Deno]";
    expect(body(await run(code, records, {}))).toBe(JSON.stringify(Array(8).fill("undefined")));
    expect(errorOf(await run("(records) => import('fs')", records, {})).message).toBe(
      "ReferenceError: could not load module 'fs'",
    );
  });

  it("refuses output over 5 MB", async () => {
    expect(errorOf(await run("(records) => 'x'.repeat(5 * 1024 * 1024 + 1)", records, {}))).toEqual({
      kind: "output",
      message: "Output is larger than 5 MB",
    });
    expect(errorOf(await run("(records) => ['é'.repeat(3 * 1024 * 1024)]", records, {}))).toEqual({
      kind: "output",
      message: "Output is larger than 5 MB",
    });
  });

  it("reports a throw with the line in the user's code", async () => {
    const code = "(records) => {\n  const first = records[0];\n  throw new Error('no contacts for ' + first.email);\n}";
    expect(errorOf(await run(code, records, {}))).toEqual({
      kind: "runtime",
      message: "Line 3: Error: no contacts for ada@example.com",
      line: 3,
    });
    expect(errorOf(await run("(records) => {\n\n  foo.bar();\n}", records, {}))).toEqual({
      kind: "runtime",
      message: "Line 3: ReferenceError: 'foo' is not defined",
      line: 3,
    });
    expect(errorOf(await run("(records) => { throw 'plain string'; }", records, {})).message).toBe("plain string");
  });

  it("reports a syntax error with its line", async () => {
    expect(
      errorOf(await run("(records) => {\n  return {\n    contacts: records,,\n  };\n}", records, {})),
    ).toMatchObject({ kind: "syntax", line: 3 });
  });

  it("explains results that can't be sent", async () => {
    expect(errorOf(await run("42", records, {}))).toMatchObject({ kind: "not-a-function" });
    expect(errorOf(await run("(records) => undefined", records, {})).message).toBe(
      "Your function must return a JSON-serializable value (it returned undefined or a function)",
    );
    expect(errorOf(await run("(records) => { const o = {}; o.self = o; return o; }", records, {})).message).toMatch(
      /^Your function must return a JSON-serializable value \(.*circular/i,
    );
    expect(errorOf(await run("(records) => ({ n: 1n })", records, {})).message).toMatch(
      /^Your function must return a JSON-serializable value/,
    );
    expect(errorOf(await run("(records) => new Promise(() => {})", records, {})).message).toContain("never settled");
    expect(errorOf(await run("async (records) => { throw new TypeError('late'); }", records, {})).message).toBe(
      "Line 1: TypeError: late",
    );
  });
});

describe("checkGroupingCode", () => {
  it("accepts the starter template and points at syntax errors", async () => {
    expect(await checkGroupingCodeInNode(STARTER_GROUPING_CODE)).toEqual({ ok: true });
    expect(
      await checkGroupingCodeInNode("(records) => {\n  return records.map((r) => {\n    r.x = ;\n  });\n}"),
    ).toMatchObject({ ok: false, error: { kind: "syntax", line: 3 } });
    expect(await checkGroupingCodeInNode("")).toMatchObject({ ok: false, error: { kind: "syntax" } });
    expect(await checkGroupingCodeInNode("({ contacts: [] })")).toMatchObject({
      ok: false,
      error: { kind: "not-a-function" },
    });
  });
});
