import { openGroupingSession } from "./grouping-session";
import type { QuickJSEngine } from "./quickjs-engine";
import { prepareSpareSession, runWhenIdle } from "./quickjs-session";
import { type CodeRunner, DEFAULT_SANDBOX_LIMITS, type SandboxLimits } from "./types";

/**
 * A CodeRunner on QuickJS in this thread (the browser's panel; Node when sandbox threads are off).
 * Each build gets a fresh runtime; the next one is made when the page or process is next idle
 * (between keystrokes in the panel), so a recomputation doesn't wait ~0.4 ms for it.
 */
export function createInProcessRunner(
  engine: QuickJSEngine,
  limits: SandboxLimits = DEFAULT_SANDBOX_LIMITS,
): CodeRunner {
  const openSession = async (code: string) => {
    const session = await openGroupingSession(engine, code, limits);
    prepareSpareWhenIdle(engine, limits);
    return session;
  };
  const runner: CodeRunner = async (code, records, context) => {
    const session = await openSession(code);
    try {
      return session.run(records, context);
    } finally {
      session.close();
    }
  };
  runner.openSession = openSession;
  return runner;
}

const scheduled = new WeakSet<QuickJSEngine>();

function prepareSpareWhenIdle(engine: QuickJSEngine, limits: SandboxLimits): void {
  if (scheduled.has(engine)) return;
  scheduled.add(engine);
  runWhenIdle(() => {
    scheduled.delete(engine);
    void prepareSpareSession(engine, limits);
  });
}
