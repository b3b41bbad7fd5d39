// The overhead benchmark's yardsticks: a raw undici loop, and the same loop writing each answer to
// the activity log the way the worker does (COPY, one batch every COMMIT_GAP_MS). The second is the
// floor for anything that keeps every response in PostgreSQL, as DESIGN.md asks: the engine can't
// beat it, so its ratio to the raw loop says how much of throughput_ratio's goal this machine allows.
import type pg from "pg";
import { Agent, request } from "undici";
import { CallRowEncoder, copyEncodedCallRows } from "@/lib/delivery/engine/call-log-writer";
import type { CallRow } from "@/lib/delivery/engine/call-record";
import { COMMIT_GAP_MS } from "@/lib/delivery/engine/delivery-journal";
import { contactRecord } from "./delivery-support";

interface Answer {
  seq: number;
  url: string;
  requestBody: string;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  latencyMs: number;
}

/** Sends `count` contacts at `concurrency`; resolves with the ms taken. */
export async function rawLoop(
  url: string,
  token: string,
  count: number,
  concurrency: number,
  tag: string,
  onAnswer?: (answer: Answer) => void,
): Promise<number> {
  const agent = new Agent({ connections: 64, keepAliveTimeout: 30_000 });
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < count; i = next++) {
        const requestBody = JSON.stringify(contactRecord(i, tag));
        const sentAt = performance.now();
        const response = await request(`${url}/contacts`, {
          dispatcher: agent,
          method: "POST",
          headers: {
            "content-type": "application/json",
            accept: "application/json",
            "intercom-version": "2.14",
            authorization: `Bearer ${token}`,
          },
          body: requestBody,
        });
        const body = await response.body.text();
        if (response.statusCode !== 200) throw new Error(`raw loop: HTTP ${response.statusCode}`);
        onAnswer?.({
          seq: i,
          url: `${url}/contacts`,
          requestBody,
          status: response.statusCode,
          headers: response.headers,
          body,
          latencyMs: performance.now() - sentAt,
        });
      }
    }),
  );
  const ms = performance.now() - started;
  await agent.close();
  return ms;
}

export interface LogTarget {
  pool: pg.Pool;
  organisationId: string;
  destinationId: string;
}

/** The raw loop, with every answer written to DeliveryCall by COPY in batches COMMIT_GAP_MS apart; resolves with the ms taken. */
export async function rawLoopWithActivityLog(
  target: LogTarget,
  url: string,
  token: string,
  count: number,
  concurrency: number,
  tag: string,
): Promise<number> {
  const { pool } = target;
  // Each answer encoded as it arrives and written by COPY every COMMIT_GAP_MS, as the journal does.
  const encoder = new CallRowEncoder();
  let pending: Buffer[] = [];
  let writing: Promise<unknown> = Promise.resolve();
  const flush = () => {
    const rows = pending;
    pending = [];
    if (rows.length > 0) writing = writing.then(() => copyEncodedCallRows(pool, rows));
  };
  const timer = setInterval(flush, COMMIT_GAP_MS);
  try {
    const ms = await rawLoop(url, token, count, concurrency, tag, (answer) =>
      pending.push(encoder.encode(toRow(target, answer))),
    );
    flush();
    await writing;
    return ms;
  } finally {
    clearInterval(timer);
  }
}

function toRow(target: LogTarget, answer: Answer): CallRow {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(answer.headers)) if (value !== undefined) headers[name] = String(value);
  return {
    organisationId: target.organisationId,
    destinationId: target.destinationId,
    kind: "delivery",
    firstSeq: answer.seq,
    lastSeq: answer.seq,
    recordCount: 1,
    configVersion: 1,
    attempt: 1,
    method: "POST",
    url: answer.url,
    requestHeaders: {
      "content-type": "application/json",
      accept: "application/json",
      "intercom-version": "2.14",
      authorization: "••••",
    },
    requestBody: answer.requestBody,
    responseStatus: answer.status,
    responseHeaders: headers,
    responseBody: answer.body,
    outcome: "success",
    errorMessage: null,
    latencyMs: Math.round(answer.latencyMs),
    createdAt: new Date(),
  };
}
