import variant from "@jitl/quickjs-singlefile-mjs-release-sync";
import { checkGroupingCode } from "./check-grouping-code";
import { createQuickJSEngine } from "./quickjs-engine";
import { createInProcessRunner } from "./in-process-runner";
import { checkGroupingCodeInThread, createThreadCodeRunner, sandboxThreadCount } from "./thread-pool";
import type { CodeCheckResult, CodeRunner, SandboxLimits } from "./types";

// Node (worker, API routes, tests). The browser twin is engine-browser.ts: same QuickJS build,
// packaged for bundlers instead of Node's module loader.
export const nodeQuickJSEngine = createQuickJSEngine(variant);

/**
 * Security: on a server, user code runs in sandbox worker threads (thread-pool.ts), so it never blocks
 * the event loop and a builtin that ignores QuickJS's time limit is stopped by terminating the thread.
 * FLOWGATE_SANDBOX_THREADS=0 runs it in-process instead (no hard stop; see SECURITY.md).
 */
export function createNodeCodeRunner(limits?: SandboxLimits): CodeRunner {
  return sandboxThreadCount() === 0 ? createInProcessCodeRunner(limits) : createThreadCodeRunner(limits);
}

/** QuickJS in this thread: for code that already runs in a sandbox thread, and benchmarks. */
export function createInProcessCodeRunner(limits?: SandboxLimits): CodeRunner {
  return createInProcessRunner(nodeQuickJSEngine, limits);
}

export function checkGroupingCodeInNode(code: string, limits?: SandboxLimits): Promise<CodeCheckResult> {
  return sandboxThreadCount() === 0
    ? checkGroupingCode(nodeQuickJSEngine, code, limits)
    : checkGroupingCodeInThread(code, limits);
}
