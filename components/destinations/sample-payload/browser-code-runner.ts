import type * as BrowserEngineModule from "@/lib/code-sandbox/engine-browser";
import type { CodeRunner } from "@/lib/code-sandbox/types";

// The browser QuickJS engine (the worker's engine, packaged for bundlers) carries its WebAssembly
// inline, so it is imported only when a build actually runs grouping code.
type BrowserEngine = typeof BrowserEngineModule;
let engine: Promise<BrowserEngine> | undefined;
let runner: CodeRunner | undefined;

async function loadRunner(): Promise<CodeRunner> {
  engine ??= import("@/lib/code-sandbox/engine-browser");
  runner ??= (await engine).createBrowserCodeRunner();
  return runner;
}

export const lazyBrowserCodeRunner: CodeRunner = Object.assign(
  async (code: string, records: readonly Record<string, unknown>[], context: Record<string, unknown>) =>
    (await loadRunner())(code, records, context),
  { openSession: async (code: string) => (await loadRunner()).openSession!(code) },
);
