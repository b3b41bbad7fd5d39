import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createThreadCodeRunner } from "./thread-pool";
import { DEFAULT_SANDBOX_LIMITS } from "./types";

describe("sandbox threads", () => {
  it("times each pipelined batch from when the thread reaches it, not from when it was sent", async () => {
    // 8 batches of 150 ms sent at once: 1.2 s in all, past one call's hard deadline (2 × 200 + 1000 ms).
    const limits = { ...DEFAULT_SANDBOX_LIMITS, timeMs: 200 };
    const session = await createThreadCodeRunner(limits).openSession!(
      "(records) => { const end = Date.now() + 150; while (Date.now() < end) {} return records.length; }",
    );
    try {
      const results = await Promise.all(Array.from({ length: 8 }, (_, batch) => session.run([{ batch }], {})));
      expect(results.map((result) => result.ok && result.serialized)).toEqual(Array(8).fill("1"));
    } finally {
      session.close();
    }
  });

  it("reports a session's code error on its first batch although the batch was sent before the answer to open", async () => {
    const session = await createThreadCodeRunner().openSession!("while (true) {}");
    try {
      expect(await session.run([{}], {})).toMatchObject({ ok: false, error: { kind: "timeout" } });
    } finally {
      session.close();
    }
  });

  it("never keeps a process alive once its builds are done", () => {
    const script = `
      import { createThreadCodeRunner } from "./lib/code-sandbox/thread-pool.ts";
      const result = await createThreadCodeRunner()("(records) => ({ contacts: records })", [{ a: 1 }], {});
      console.log(result.ok ? result.serialized : result.error.message);`;
    const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      cwd: path.resolve(__dirname, "../.."),
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(child.stdout.trim()).toBe('{"contacts":[{"a":1}]}');
    expect(child.status).toBe(0); // null when the timeout had to kill it
  }, 40_000);
});
