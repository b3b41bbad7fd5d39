import { intercomContentFormats } from "@/lib/connectors/intercom/content-formats";
import type { CodeRunResult, CodeRunner, GroupingContext } from "@/lib/code-sandbox/types";
import type { BuildContext, BuildResult, BuiltRequest, DestinationRecord, RecordError } from "./build-types";
import { createWarningChecker } from "./build-warnings";
import { type RecordGroup, groupByUrl } from "./group-records";
import { type PreparedBuild, prepareBuild } from "./prepare-build";
import { buildRequestHeaders } from "./request-headers";
import { resolveRecordUrl } from "./resolve-record-url";
import type { DestinationConfig } from "./schemas";

/** How many grouping-code batches are handed to the sandbox before the current one is awaited. */
const CODE_BATCHES_AHEAD = 4;

/**
 * THE request builder: records + destination config → the HTTP requests to make. The Sample Payload
 * panel, Send Test and the worker all call it, so the preview is byte-for-byte what is sent (the
 * token aside, masked when `maskToken`). Pure apart from running the user's grouping code.
 *
 * Order of work: URLs resolve from the full record; exclusions apply next, then the field mapping
 * (a record it can't convert is an error record, like one missing a URL placeholder); then batching,
 * so grouping code receives mapped records.
 */
export async function buildRequests(
  records: readonly DestinationRecord[],
  config: DestinationConfig,
  ctx: BuildContext,
): Promise<BuildResult> {
  const prepared = prepareBuild(config, ctx.contentFormats ?? intercomContentFormats);
  if (Array.isArray(prepared)) return { requests: [], recordErrors: [], configErrors: prepared };

  const recordErrors: RecordError[] = [];
  const routable: { index: number; url: string }[] = [];
  const items: DestinationRecord[] = [];
  const { bodyMapper } = prepared;
  records.forEach((record, index) => {
    const resolved = resolveRecordUrl(prepared.template, ctx.baseUrl, record);
    if (!resolved.ok) {
      recordErrors.push(withSeq(ctx, { index, attribute: resolved.attribute, message: resolved.message }));
      return;
    }
    if (bodyMapper) {
      const mapped = bodyMapper(record);
      if (!mapped.ok) {
        recordErrors.push(withSeq(ctx, { index, attribute: mapped.attribute, message: mapped.message }));
        return;
      }
      items[index] = mapped.body;
    }
    routable.push({ index, url: resolved.url });
  });

  const hasBody = bodyMapper !== undefined;
  const batched = config.batching.enabled && hasBody;
  const groups = batched
    ? groupByUrl(routable, config.batching.size)
    : routable.map(({ index, url }) => ({ url, indexes: [index] }));
  const headers = buildRequestHeaders({
    ...ctx,
    mediaType: prepared.format.mediaType,
    hasBody,
    intercomVersion: config.intercomVersion,
    userHeaders: prepared.userHeaders,
  });
  const commonWarnings =
    config.batching.enabled && !hasBody
      ? [`${config.method} sends no body, so batching is off: one request per record`]
      : [];
  const checkWarnings = ctx.findEndpoint ? createWarningChecker(config, ctx.findEndpoint, ctx.baseUrl) : undefined;

  const requests: BuiltRequest[] = [];
  const usesCode = batched && config.batching.algorithm === "code" && groups.length > 0;
  const runCode = usesCode ? await openCodeRunner(ctx.runCode, config.batching.code, ctx.owner) : undefined;
  // Bodies are started ahead of the one awaited: a sandbox thread runs batch n+1 while this thread
  // finishes batch n. Without code, each body is ready at once.
  const bodies: Promise<BodyResult>[] = [];
  const startBody = (batchIndex: number) => {
    const group = groups[batchIndex];
    if (group && !bodies[batchIndex])
      bodies[batchIndex] = hasBody
        ? buildBody(group, batchIndex, items, config, prepared, runCode)
        : Promise.resolve({ ok: true, text: undefined });
  };
  try {
    for (const [batchIndex, group] of groups.entries()) {
      for (let ahead = 0; ahead <= CODE_BATCHES_AHEAD; ahead++) startBody(batchIndex + ahead);
      const body = await bodies[batchIndex]!;
      delete bodies[batchIndex];
      if (!body.ok) {
        for (const index of group.indexes)
          recordErrors.push(withSeq(ctx, { index, message: body.message, line: body.line }));
        continue;
      }
      const request: BuiltRequest = {
        method: config.method,
        url: group.url,
        headers: { ...headers },
        body: body.text,
        recordIndexes: group.indexes,
        warnings: [...commonWarnings],
      };
      if (ctx.firstSeq !== undefined) request.seqs = group.indexes.map((index) => ctx.firstSeq! + index);
      if (checkWarnings) request.warnings.push(...checkWarnings(request));
      requests.push(request);
    }
  } finally {
    for (const started of bodies) void started?.catch(() => undefined); // a build that threw leaves these unread
    runCode?.close();
  }
  recordErrors.sort((a, b) => a.index - b.index);
  return { requests, recordErrors, configErrors: [] };
}

type BodyResult = { ok: true; text: string | undefined } | { ok: false; message: string; line?: number };

async function buildBody(
  group: RecordGroup,
  batchIndex: number,
  mapped: readonly DestinationRecord[],
  config: DestinationConfig,
  prepared: PreparedBuild,
  runCode: BatchCodeRunner | undefined,
): Promise<BodyResult> {
  const items = group.indexes.map((index) => mapped[index]!);
  const serialize = prepared.format.serialize;
  if (!config.batching.enabled) return { ok: true, text: serialize(items[0]) };
  const { algorithm, propertyName, size } = config.batching;
  if (algorithm === "json_array") return { ok: true, text: serialize(items) };
  if (algorithm === "json_object_property")
    return { ok: true, text: serialize({ ...prepared.otherProps, [propertyName.trim()]: items }) };

  // The sandbox answers with the body as sent: JSON text, or the string the function returned.
  const context = {
    batchIndex,
    batchSize: size,
    method: config.method,
    url: group.url,
    intercomVersion: config.intercomVersion,
  };
  const result = await runCode!.run(items, context);
  if (result.ok) return { ok: true, text: result.serialized };
  return { ok: false, message: `The grouping code failed: ${result.error.message}`, line: result.error.line };
}

interface BatchCodeRunner {
  run(records: readonly DestinationRecord[], context: GroupingContext): Promise<CodeRunResult> | CodeRunResult;
  close(): void;
}

/** One sandbox session for the whole build when the runner offers it, else one run per batch. */
async function openCodeRunner(runner: CodeRunner, code: string, owner: string | undefined): Promise<BatchCodeRunner> {
  if (runner.openSession) return runner.openSession(code, owner);
  return { run: (records, context) => runner(code, records, context), close: () => undefined };
}

function withSeq(ctx: BuildContext, error: RecordError): RecordError {
  return ctx.firstSeq === undefined ? error : { ...error, seq: ctx.firstSeq + error.index };
}
