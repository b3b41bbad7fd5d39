import type { IntercomResult } from "@/lib/connectors/intercom/client";
import type { Db } from "@/lib/db/client";
import { stepsJson, truncateText } from "../run-steps";
import type { SourceRunStep } from "../schemas";

const FLUSH_EVERY_MS = 1_000;

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** What the debug view shows of an answer at a glance: item count, where the next page starts, a job's state. */
export function summariseAnswer(body: unknown): Record<string, unknown> {
  const record = asRecord(body);
  if (!record) return {};
  const summary: Record<string, unknown> = {};
  const items = [record.data, record.companies, record.contacts].find(Array.isArray);
  if (items) summary.count = items.length;
  if (typeof record.total_count === "number") summary.totalCount = record.total_count;
  const pages = asRecord(record.pages);
  const next = asRecord(pages?.next);
  if (typeof next?.starting_after === "string") summary.next = next.starting_after;
  else if (typeof pages?.page === "number" && typeof pages.total_pages === "number") {
    summary.next = pages.page < pages.total_pages ? `page ${pages.page + 1} of ${pages.total_pages}` : null;
  } else if (pages) summary.next = null;
  if (typeof record.job_identifier === "string")
    Object.assign(summary, { job: record.job_identifier, jobStatus: record.status });
  return summary;
}

/** One Intercom call as a debug step. The Authorization header is left out entirely. */
export function describeCall(result: IntercomResult): SourceRunStep {
  const url = new URL(result.request.url);
  const headers = Object.fromEntries(
    Object.entries(result.request.headers).filter(([name]) => name.toLowerCase() !== "authorization"),
  );
  return {
    step: `${result.request.method} ${url.pathname}${url.search}`,
    at: new Date(Date.now() - result.latencyMs).toISOString(),
    durationMs: result.latencyMs,
    input: {
      method: result.request.method,
      url: result.request.url,
      headers,
      ...(result.request.body ? { body: truncateText(result.request.body) } : {}),
    },
    output: {
      status: result.status ?? null,
      outcome: result.outcome,
      ...summariseAnswer(result.body),
      ...(result.rateLimit
        ? { rateLimitRemaining: result.rateLimit.remaining, rateLimitLimit: result.rateLimit.limit }
        : {}),
      ...(result.bodyBytes
        ? { bytes: result.bodyBytes.length, contentType: result.headers["content-type"] }
        : { body: truncateText(result.rawBody) }),
      ...(result.errorMessage ? { error: result.errorMessage } : {}),
    },
  };
}

/** The steps of one run, written to its row now and then so the debug view follows a long run. */
export class RunStepLog {
  readonly steps: SourceRunStep[] = [];
  private lastFlush = 0;

  constructor(
    private readonly db: Db,
    private readonly runId: string,
  ) {}

  add(step: Omit<SourceRunStep, "at"> & { at?: string }): void {
    this.steps.push({ at: new Date().toISOString(), ...step });
  }

  /** Records a call and, at most once a second, shows the steps so far (a live debug view). */
  addCall(result: IntercomResult): void {
    this.steps.push(describeCall(result));
    void this.flush().catch(() => undefined);
  }

  /** Only while the run is running: once it is finished, its final steps are the ones kept. */
  async flush(force = false): Promise<void> {
    if (!force && Date.now() - this.lastFlush < FLUSH_EVERY_MS) return;
    this.lastFlush = Date.now();
    await this.db.sourceRun.updateMany({
      where: { id: this.runId, status: "running" },
      data: { steps: stepsJson(this.steps) },
    });
  }
}
