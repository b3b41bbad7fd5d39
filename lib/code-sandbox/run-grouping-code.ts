import { openGroupingSession } from "./grouping-session";
import type { QuickJSEngine } from "./quickjs-engine";
import { type CodeRunResult, DEFAULT_SANDBOX_LIMITS, type GroupingContext, type SandboxLimits } from "./types";

/** One isolated run: a fresh QuickJS runtime for this call only. */
export async function runGroupingCode(
  engine: QuickJSEngine,
  code: string,
  records: readonly Record<string, unknown>[],
  context: GroupingContext,
  limits: SandboxLimits = DEFAULT_SANDBOX_LIMITS,
): Promise<CodeRunResult> {
  const session = await openGroupingSession(engine, code, limits);
  try {
    return session.run(records, context);
  } finally {
    session.close();
  }
}
