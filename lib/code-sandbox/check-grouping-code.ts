import { NOT_A_FUNCTION } from "./grouping-session";
import type { QuickJSEngine } from "./quickjs-engine";
import { isSandboxError, openQuickJSSession } from "./quickjs-session";
import { type CodeCheckResult, DEFAULT_SANDBOX_LIMITS, type SandboxLimits } from "./types";

/**
 * For the editor: does the code parse, and does it evaluate to a function? Top-level code runs
 * (under the same limits) because `const helper = …; (records) => …` is allowed.
 */
export async function checkGroupingCode(
  engine: QuickJSEngine,
  code: string,
  limits: SandboxLimits = DEFAULT_SANDBOX_LIMITS,
): Promise<CodeCheckResult> {
  if (code.trim() === "")
    return {
      ok: false,
      error: { kind: "syntax", message: "Write a function, e.g. (records, context) => ({ contacts: records })" },
    };
  const session = await openQuickJSSession(engine, limits);
  try {
    const fn = session.evaluateUserCode(code);
    if (isSandboxError(fn)) return { ok: false, error: fn };
    if (session.context.typeof(fn) !== "function") {
      return { ok: false, error: NOT_A_FUNCTION };
    }
    return { ok: true };
  } catch (error) {
    return { ok: false, error: session.abandon(error) };
  } finally {
    session.close();
  }
}
