import { checkGroupingCodeInNode, createNodeCodeRunner } from "@/lib/code-sandbox/engine-node";
import type { CodeRunner } from "@/lib/code-sandbox/types";
import { DomainError } from "@/lib/errors";
import type { DestinationRecord } from "./build-types";
import { buildRequests } from "./request-builder";
import type { DestinationConfig } from "./schemas";

const CODE_FIELD = "config.batching.code";
let nodeRunner: CodeRunner | undefined;

/** One runner per process: QuickJS's module loads once, every run still gets its own runtime. */
export function serverCodeRunner(): CodeRunner {
  nodeRunner ??= createNodeCodeRunner();
  return nodeRunner;
}

export function usesGroupingCode(config: DestinationConfig): boolean {
  const bodiless = config.method === "GET" || config.method === "DELETE";
  return config.batching.enabled && config.batching.algorithm === "code" && !bodiless;
}

/**
 * Before saving code grouping: the code must parse to a function, and must build a body from the
 * Nexset's sample records (code that throws or loops forever is refused at its field, with the
 * line). The sandbox is the worker's, so what passes here runs there.
 */
export async function assertGroupingCodeRuns(
  config: DestinationConfig,
  loadSamples: () => Promise<readonly DestinationRecord[]>,
  baseUrl: string,
  owner?: string,
): Promise<void> {
  if (!usesGroupingCode(config)) return;
  const checked = await checkGroupingCodeInNode(config.batching.code);
  if (!checked.ok) throw codeError(checked.error.message);
  const samples = await loadSamples();
  if (samples.length === 0) return;
  const built = await buildRequests(samples, config, {
    baseUrl,
    maskToken: true,
    runCode: serverCodeRunner(),
    ...(owner ? { owner } : {}),
  });
  // URL placeholder problems name an attribute; anything else here came from the code.
  const failure = built.recordErrors.find((error) => error.attribute === undefined);
  if (failure) throw codeError(`${failure.message} (on the sample records)`);
}

function codeError(message: string): DomainError {
  return new DomainError("bad_input", message, {
    status: 400,
    field: CODE_FIELD,
    details: [{ path: CODE_FIELD, message }],
  });
}
