import variant from "@jitl/quickjs-singlefile-mjs-release-sync";
import { checkGroupingCode } from "./check-grouping-code";
import { openGroupingSession } from "./grouping-session";
import { createQuickJSEngine } from "./quickjs-engine";
import { runGroupingCode } from "./run-grouping-code";
import type { CodeCheckResult, CodeRunner, SandboxLimits } from "./types";

// Node (worker, API routes, tests). The browser twin is engine-browser.ts: same QuickJS build,
// packaged for bundlers instead of Node's module loader.
export const nodeQuickJSEngine = createQuickJSEngine(variant);

export function createNodeCodeRunner(limits?: SandboxLimits): CodeRunner {
  const runner: CodeRunner = (code, records, context) => runGroupingCode(nodeQuickJSEngine, code, records, context, limits);
  runner.openSession = (code) => openGroupingSession(nodeQuickJSEngine, code, limits);
  return runner;
}

export function checkGroupingCodeInNode(code: string, limits?: SandboxLimits): Promise<CodeCheckResult> {
  return checkGroupingCode(nodeQuickJSEngine, code, limits);
}
