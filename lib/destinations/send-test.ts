import { findEndpoint } from "@/lib/connectors/intercom/definition";
import { sendIntercomRequest } from "@/lib/connectors/intercom/client";
import type { HttpMethod } from "@/lib/connectors/types";
import { loadCredentialToken } from "@/lib/credentials/load-credential-token";
import type { Db } from "@/lib/db/client";
import { recordTestCall } from "@/lib/delivery/engine/call-record";
import { DomainError, notFound, parseInput } from "@/lib/errors";
import { getSampleRecords } from "@/lib/nexsets/get-sample-records";
import type { BuiltRequest } from "./build-types";
import { serverCodeRunner } from "./check-grouping-on-samples";
import { assertUrlOnCredentialHost, resolveDestinationContext } from "./destination-context";
import { buildRequests } from "./request-builder";
import { sendSyncTest } from "./send-sync-test";
import { TEST_TIMEOUT_MS, toTestResult } from "./test-result";
import { syncModeOf } from "./sync-mode";
import { type DestinationConfig, destinationConfigSchema } from "./schemas";
import { type SendTestResult, sendDestinationTestSchema, sendTestSchema } from "./send-test-schemas";

interface TestPlan {
  nexsetId: string;
  credentialId: string;
  config: DestinationConfig;
  requestIndex: number;
  body?: string;
  destination?: { id: string; configVersion: number };
}

/** Send Test before the destination is saved (the wizard's unsaved settings). */
export async function sendTest(db: Db, organisationId: string, input: unknown): Promise<SendTestResult> {
  const data = parseInput(sendTestSchema, input);
  return runTest(db, organisationId, data);
}

/** Send Test for a saved destination (its settings, or the wizard's edits of them); recorded in its activity. */
export async function sendDestinationTest(
  db: Db,
  organisationId: string,
  destinationId: string,
  input: unknown,
): Promise<SendTestResult> {
  const data = parseInput(sendDestinationTestSchema, input ?? {});
  const destination = await db.destination.findFirst({
    where: { id: destinationId, organisationId },
    select: { id: true, nexsetId: true, credentialId: true, config: true, configVersion: true },
  });
  if (!destination) throw notFound("Destination");
  const config = data.config ?? parseInput(destinationConfigSchema, destination.config);
  return runTest(db, organisationId, {
    nexsetId: destination.nexsetId,
    credentialId: data.credentialId ?? destination.credentialId,
    config,
    requestIndex: data.requestIndex,
    ...(data.body !== undefined ? { body: data.body } : {}),
    destination: { id: destination.id, configVersion: destination.configVersion },
  });
}

/**
 * Rebuilds the chosen sample request on the server with THE request builder (never trusting a
 * URL or headers from the browser), checks it, and sends it once with the credential's token
 * through the connector's client. Everything that can be refused is refused before the call.
 */
async function runTest(db: Db, organisationId: string, plan: TestPlan): Promise<SendTestResult> {
  const context = await resolveDestinationContext(db, organisationId, plan);
  assertUrlOnCredentialHost(plan.config, context.credential.baseUrl);
  const samples = await getSampleRecords(db, organisationId, plan.nexsetId);
  if (samples.length === 0)
    throw new DomainError("no_samples", "This Nexset has no records yet; send it some records, then test", {
      status: 409,
    });

  const built = await buildRequests(samples, plan.config, {
    baseUrl: context.credential.baseUrl,
    maskToken: true,
    runCode: serverCodeRunner(),
    owner: organisationId,
    findEndpoint,
    firstSeq: 1,
  });
  if (built.configErrors.length > 0) {
    const issues = built.configErrors.map((error) => ({ path: error.path.join("."), message: error.message }));
    throw new DomainError("bad_input", issues[0]!.message, { status: 400, field: issues[0]!.path, details: issues });
  }
  const request = pickRequest(built, plan.requestIndex);
  const body = chooseBody(request, plan);

  const credential = await loadCredentialToken(db, organisationId, plan.credentialId);
  const sync = syncModeOf(plan.config);
  if (sync) {
    const sample = samples[request.recordIndexes[0]!] ?? {};
    return sendSyncTest(db, organisationId, plan, { ...request, body }, sync, sample, credential);
  }
  const result = await sendIntercomRequest({
    method: request.method as HttpMethod,
    url: request.url,
    baseUrl: credential.baseUrl,
    token: credential.token,
    version: plan.config.intercomVersion,
    headers: request.headers,
    ...(body !== undefined ? { body } : {}),
    timeoutMs: TEST_TIMEOUT_MS,
  });
  // Records are numbered 1..recordCount, so the samples (the first records by seq) are 1..n.
  const seqs = request.recordIndexes.map((index) => index + 1);
  const callId = plan.destination
    ? await recordTestCall(db, {
        organisationId,
        destinationId: plan.destination.id,
        configVersion: plan.destination.configVersion,
        result,
        firstSeq: Math.min(...seqs),
        lastSeq: Math.max(...seqs),
        recordCount: seqs.length,
      })
    : undefined;
  return toTestResult(result, request, callId);
}

function pickRequest(built: Awaited<ReturnType<typeof buildRequests>>, index: number): BuiltRequest {
  const request = built.requests[index];
  if (request) return request;
  const failure = built.recordErrors[0];
  if (built.requests.length === 0 && failure) {
    const field = failure.attribute !== undefined ? "config.urlTemplate" : "config.batching.code";
    throw new DomainError("bad_input", `No request could be built from the sample records: ${failure.message}`, {
      status: 400,
      field,
      details: [{ path: field, message: failure.message }],
    });
  }
  const count = built.requests.length;
  throw new DomainError(
    "bad_input",
    `There is no sample request ${index + 1}; the samples make ${count} request${count === 1 ? "" : "s"}`,
    {
      status: 400,
      field: "requestIndex",
    },
  );
}

/** The edited body, checked for the content format; else the body the builder made. */
function chooseBody(request: BuiltRequest, plan: TestPlan): string | undefined {
  if (plan.body === undefined || request.body === undefined) return request.body;
  if (plan.config.format === "json") {
    try {
      JSON.parse(plan.body);
    } catch (error) {
      const message = `The test body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
      throw new DomainError("bad_input", message, { status: 400, field: "body", details: [{ path: "body", message }] });
    }
  }
  return plan.body;
}
