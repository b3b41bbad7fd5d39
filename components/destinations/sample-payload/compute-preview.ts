import { findEndpoint } from "@/lib/connectors/intercom/definition";
import type { CodeRunner } from "@/lib/code-sandbox/types";
import type { BuildResult, DestinationRecord } from "@/lib/destinations/build-types";
import { buildRequests } from "@/lib/destinations/request-builder";
import { type DestinationConfig, destinationConfigSchema } from "@/lib/destinations/schemas";
import { validateDestinationAgainstContext } from "@/lib/destinations/validate-against-context";

export interface PreviewIssue {
  path: string;
  message: string;
}

export interface Preview {
  /** Settings that keep anything from being built (shown instead of requests). */
  issues: PreviewIssue[];
  result?: BuildResult;
  /** The config the result was built from: Send Test sends exactly this. */
  config?: DestinationConfig;
  /** The grouping code's first failure on the samples, with its line. */
  codeError?: { message: string; line?: number };
}

export interface PreviewInput {
  config: unknown;
  samples: readonly DestinationRecord[];
  /** The chosen credential's host; without one the URL is checked against nothing. */
  credentialBaseUrl: string | undefined;
  /** Where paths resolve before a credential is chosen. */
  fallbackBaseUrl: string;
  /** Last four characters of the token, from the credential's public mask. */
  tokenHint: string | undefined;
  runCode: CodeRunner;
}

/**
 * The Sample Payload panel's build: the form's current (unsaved) settings through THE request
 * builder, in the browser, token masked. Settings the schema or the host check refuses are
 * reported instead of building requests that could never be sent.
 */
export async function computePreview(input: PreviewInput): Promise<Preview> {
  const parsed = destinationConfigSchema.safeParse(input.config);
  if (!parsed.success) {
    return {
      issues: parsed.error.issues.map((issue) => ({
        path: ["config", ...issue.path.map(String)].join("."),
        message: issue.message,
      })),
    };
  }
  const config = parsed.data;
  if (input.credentialBaseUrl) {
    const checked = validateDestinationAgainstContext(config, { credentialRegionBaseUrl: input.credentialBaseUrl });
    if (!checked.ok)
      return { issues: checked.errors.map((error) => ({ path: error.path.join("."), message: error.message })) };
  }
  const result = await buildRequests(input.samples, config, {
    baseUrl: input.credentialBaseUrl ?? input.fallbackBaseUrl,
    maskToken: true,
    tokenHint: input.tokenHint,
    runCode: input.runCode,
    findEndpoint,
    firstSeq: 1,
  });
  if (result.configErrors.length > 0)
    return {
      issues: result.configErrors.map((error) => ({ path: error.path.join("."), message: error.message })),
      config,
    };
  const failure = result.recordErrors.find((error) => error.attribute === undefined);
  return {
    issues: [],
    result,
    config,
    ...(failure ? { codeError: { message: failure.message, line: failure.line } } : {}),
  };
}

/** "••••abcd" → "abcd" (the panel never has more of the token than its public mask). */
export function tokenHintFrom(tokenMasked: string | undefined): string | undefined {
  return tokenMasked?.replace(/^•+/, "");
}
