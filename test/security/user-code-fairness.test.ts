import { afterEach, describe, expect, it } from "vitest";
import { createThreadCodeRunner, SandboxBusyError } from "@/lib/code-sandbox/thread-pool";
import type { GroupingSession } from "@/lib/code-sandbox/types";
import { DEFAULT_SANDBOX_LIMITS } from "@/lib/code-sandbox/types";

// Issue 18 item 10: users' grouping code shares the server's sandbox threads (2 by default) fairly
// between organisations. One organisation runs at most one build at a time in them, a build has a
// total time budget, and a build that waits too long for a thread is refused as busy, so one
// tenant's slow code cannot starve the others'.

const slow = (ms: number) =>
  `(records) => { const end = Date.now() + ${ms}; while (Date.now() < end) {} return { contacts: records }; }`;
const quick = "(records) => ({ contacts: records })";
const open: GroupingSession[] = [];
afterEach(() => {
  for (const session of open.splice(0)) session.close();
});

async function build(runner: ReturnType<typeof createThreadCodeRunner>, code: string, owner: string, batches: number) {
  const session = await runner.openSession!(code, owner);
  open.push(session);
  const results = [];
  for (let batch = 0; batch < batches; batch++)
    results.push(await session.run([{ email: `p${batch}@example.com` }], { batch }));
  session.close();
  return results;
}

describe("grouping code is fair between organisations", () => {
  it("serves another organisation's build while one organisation's slow builds queue behind each other", async () => {
    const runner = createThreadCodeRunner();
    const finished: string[] = [];
    const done = (label: string) => () => void finished.push(label);
    const slowA1 = build(runner, slow(250), "org-a", 6).then(done("A1"));
    const slowA2 = build(runner, slow(250), "org-a", 6).then(done("A2"));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const quickB = build(runner, quick, "org-b", 1).then(done("B"));
    await Promise.all([slowA1, slowA2, quickB]);
    expect(finished[0]).toBe("B");
    expect(finished.slice(1).sort()).toEqual(["A1", "A2"]);
  }, 30_000);

  it("stops a build that uses up its total time, batch by batch within the per-run limit", async () => {
    const runner = createThreadCodeRunner(DEFAULT_SANDBOX_LIMITS, { buildTimeMs: 700, queueTimeoutMs: 30_000 });
    const results = await build(runner, slow(300), "org-a", 6);
    const ok = results.filter((result) => result.ok).length;
    expect(ok).toBeGreaterThanOrEqual(2);
    expect(ok).toBeLessThan(6);
    expect(results.at(-1)).toMatchObject({
      ok: false,
      error: {
        kind: "timeout",
        message: expect.stringMatching(/longer than the 0\.7 s one build may use \(FLOWGATE_SANDBOX_BUILD_TIME_MS\)/),
      },
    });
  }, 30_000);

  it("refuses a build that waits longer than the queue timeout as busy, and serves it once a thread is free", async () => {
    const runner = createThreadCodeRunner(DEFAULT_SANDBOX_LIMITS, { buildTimeMs: 30_000, queueTimeoutMs: 300 });
    const holdC = await runner.openSession!(quick, "org-c");
    const holdD = await runner.openSession!(quick, "org-d");
    open.push(holdC, holdD);
    const refused = await runner.openSession!(quick, "org-e").then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(SandboxBusyError);
    expect((refused as Error).message).toMatch(/^The code sandbox is busy with other builds \(waited 0 s\); try again/);
    holdC.close();
    const served = await build(runner, quick, "org-e", 1);
    expect(served[0]).toMatchObject({ ok: true, serialized: '{"contacts":[{"email":"p0@example.com"}]}' });
  }, 30_000);
});
