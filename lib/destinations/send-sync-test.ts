import { sendIntercomRequest } from "@/lib/connectors/intercom/client";
import type { IntercomResult } from "@/lib/connectors/intercom/client-types";
import { runSync } from "@/lib/connectors/intercom/sync/run-sync";
import type { LoadedCredential } from "@/lib/credentials/load-credential-token";
import type { Db } from "@/lib/db/client";
import { recordTestCall } from "@/lib/delivery/engine/call-record";
import { DomainError } from "@/lib/errors";
import type { BuiltRequest, DestinationRecord } from "./build-types";
import type { DestinationConfig } from "./schemas";
import type { SendTestResult } from "./send-test-schemas";
import type { SyncMode } from "./sync-mode";
import { TEST_TIMEOUT_MS, toTestResult } from "./test-result";

// Send Test for a sync operation: the record's whole sequence, run by the worker's runner
// (runSync) with each call sent once (no retries: a person is waiting), each call shown with its
// answer and, for a saved destination, recorded in the activity log.

interface SyncTestPlan {
  config: DestinationConfig;
  destination?: { id: string; configVersion: number };
}

export async function sendSyncTest(
  db: Db,
  organisationId: string,
  plan: SyncTestPlan,
  request: BuiltRequest,
  sync: SyncMode,
  sample: DestinationRecord,
  credential: LoadedCredential,
): Promise<SendTestResult> {
  const results: { step: string; result: IntercomResult }[] = [];
  const outcome = await runSync(
    {
      kind: sync.operation.sync.kind,
      identifier: sync.identifierFor(request.body),
      base: { baseUrl: credential.baseUrl, headers: request.headers },
      body: request.body,
      contactIdentifierValue: sync.contactIdentifierOf(sample),
    },
    async (call) => {
      const result = await sendIntercomRequest({
        method: call.method,
        url: call.url,
        baseUrl: credential.baseUrl,
        token: credential.token,
        version: plan.config.intercomVersion,
        headers: call.headers,
        ...(call.body !== undefined ? { body: call.body } : {}),
        timeoutMs: TEST_TIMEOUT_MS,
      });
      results.push({ step: call.step, result });
      return result;
    },
  );
  const last = results.at(-1);
  if (!last) throw new DomainError("bad_input", outcome.message ?? "Nothing was sent", { status: 400 });
  let callId: bigint | undefined;
  const seq = request.recordIndexes[0]! + 1;
  for (const [index, { step, result }] of results.entries()) {
    if (!plan.destination) break;
    const concluding = index === results.length - 1 && outcome.outcome !== "error";
    callId = await recordTestCall(db, {
      organisationId,
      destinationId: plan.destination.id,
      configVersion: plan.destination.configVersion,
      result,
      firstSeq: seq,
      lastSeq: seq,
      recordCount: 1,
      syncStep: step,
      ...(concluding ? { recordOutcome: outcome.outcome } : {}),
    });
  }
  return {
    ...toTestResult(last.result, request, callId),
    sequence: results.map(({ step, result }) => ({
      step,
      method: result.request.method,
      url: result.request.url,
      requestBody: result.request.body ?? null,
      status: result.status ?? null,
      outcome: result.outcome,
      latencyMs: result.latencyMs,
      body: result.body,
      errorMessage: result.errorMessage ?? null,
    })),
    recordOutcome: outcome.outcome,
    recordMessage: outcome.message ?? null,
  };
}
