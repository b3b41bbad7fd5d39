import variant from "@jitl/quickjs-singlefile-browser-release-sync";
import { checkGroupingCode } from "./check-grouping-code";
import { createQuickJSEngine } from "./quickjs-engine";
import { createInProcessRunner } from "./in-process-runner";
import type { CodeCheckResult, CodeRunner, SandboxLimits } from "./types";

// Browser (the Sample Payload panel and the editor). The WebAssembly is embedded in the module, so
// Next.js bundles it like any other chunk: no CDN, no separate .wasm route. Import this file
// dynamically (only when the code algorithm is chosen) to keep it out of the wizard's first load.
export const browserQuickJSEngine = createQuickJSEngine(variant);

export function createBrowserCodeRunner(limits?: SandboxLimits): CodeRunner {
  return createInProcessRunner(browserQuickJSEngine, limits);
}

export function checkGroupingCodeInBrowser(code: string, limits?: SandboxLimits): Promise<CodeCheckResult> {
  return checkGroupingCode(browserQuickJSEngine, code, limits);
}
