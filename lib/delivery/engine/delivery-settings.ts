import { z } from "zod";

// How hard the worker pushes and how long it keeps trying. Every value can be set from the
// environment (FLOWGATE_DELIVERY_*), so an operator tunes them without a code change.
export const deliverySettingsSchema = z.object({
  /**
   * The most calls a destination may have in flight at once. Under it, the number follows the
   * answer time observed, so the credential's budget is used whatever the latency (call-window.ts).
   */
  concurrency: z.coerce.number().int().min(1).max(4096).default(512),
  /**
   * Claims a destination may have open at once (in flight, waiting to be sent or retried, or sent and
   * not yet committed). Above `concurrency`, so database commits overlap the calls instead of stalling
   * them, and claims waiting for a retry don't stall the others. 0 means 4 × concurrency.
   */
  maxOpenClaims: z.coerce.number().int().min(0).max(10_000).default(0),
  /**
   * Records a destination's run may hold at once (loaded, built into requests, or in calls): with
   * large batches, fewer calls run at once, so memory stays bounded whatever the batch size.
   */
  maxRecordsInFlight: z.coerce.number().int().min(1).max(1_000_000).default(20_000),
  /**
   * Bytes of records (as stored JSON text) the whole worker process holds at once, across every
   * destination it runs; one run takes at most a quarter (claim-sizing.ts). This, not a count of
   * records, is what bounds the worker's memory: records may be large.
   */
  maxBytesInFlight: z.coerce
    .number()
    .int()
    .min(1024 * 1024)
    .max(4 * 1024 ** 3)
    .default(32 * 1024 * 1024),
  /**
   * A stored record larger than this (as PostgreSQL's JSON text) is never loaded: it becomes an error
   * record. Records are refused on arrival above 1 MiB of compact JSON (lib/nexsets/record-size.ts);
   * this catches older ones and response records.
   */
  maxRecordBytes: z.coerce
    .number()
    .int()
    .min(1024)
    .max(256 * 1024 * 1024)
    .default(2 * 1024 * 1024),
  /** Attempts per call for 5xx, timeouts and resets before its records become error records. */
  maxAttempts: z.coerce.number().int().min(1).max(100).default(8),
  backoffBaseMs: z.coerce.number().int().min(1).max(600_000).default(1_000),
  backoffMaxMs: z.coerce.number().int().min(1).max(3_600_000).default(60_000),
  /** Consecutive failed calls after which the destination is set to error. */
  failureStreakLimit: z.coerce.number().int().min(1).max(1_000_000).default(50),
  requestTimeoutMs: z.coerce.number().int().min(100).max(600_000).default(30_000),
  /** How often a running delivery re-reads its destination (pause, config edits, new records). */
  refreshIntervalMs: z.coerce.number().int().min(50).max(60_000).default(500),
  reconcileIntervalMs: z.coerce.number().int().min(100).max(600_000).default(3_000),
  /** Preview bulk jobs: how often their status is polled, and for how long at most. */
  bulkPollIntervalMs: z.coerce.number().int().min(10).max(600_000).default(1_000),
  bulkPollTimeoutMs: z.coerce
    .number()
    .int()
    .min(1_000)
    .max(86_400_000)
    .default(30 * 60_000),
  /** How long a graceful shutdown waits for calls in flight before leaving them to be retried. */
  shutdownGraceMs: z.coerce.number().int().min(0).max(600_000).default(15_000),
});

export type DeliverySettings = z.infer<typeof deliverySettingsSchema>;

const ENV_NAMES: Record<keyof DeliverySettings, string> = {
  concurrency: "FLOWGATE_DELIVERY_CONCURRENCY",
  maxOpenClaims: "FLOWGATE_DELIVERY_MAX_OPEN_CLAIMS",
  maxRecordsInFlight: "FLOWGATE_DELIVERY_MAX_RECORDS_IN_FLIGHT",
  maxBytesInFlight: "FLOWGATE_DELIVERY_MAX_BYTES_IN_FLIGHT",
  maxRecordBytes: "FLOWGATE_DELIVERY_MAX_RECORD_BYTES",
  maxAttempts: "FLOWGATE_DELIVERY_MAX_ATTEMPTS",
  backoffBaseMs: "FLOWGATE_DELIVERY_BACKOFF_BASE_MS",
  backoffMaxMs: "FLOWGATE_DELIVERY_BACKOFF_MAX_MS",
  failureStreakLimit: "FLOWGATE_DELIVERY_FAILURE_STREAK",
  requestTimeoutMs: "FLOWGATE_DELIVERY_TIMEOUT_MS",
  refreshIntervalMs: "FLOWGATE_DELIVERY_REFRESH_MS",
  reconcileIntervalMs: "FLOWGATE_DELIVERY_RECONCILE_MS",
  bulkPollIntervalMs: "FLOWGATE_DELIVERY_BULK_POLL_MS",
  bulkPollTimeoutMs: "FLOWGATE_DELIVERY_BULK_TIMEOUT_MS",
  shutdownGraceMs: "FLOWGATE_DELIVERY_SHUTDOWN_GRACE_MS",
};

/** Settings from the environment, overridden by `overrides`; a bad value names its variable. */
export function loadDeliverySettings(
  overrides: Partial<DeliverySettings> = {},
  env: Readonly<Record<string, string | undefined>> = process.env,
): DeliverySettings {
  const raw: Record<string, unknown> = {};
  for (const [key, name] of Object.entries(ENV_NAMES)) {
    const value = env[name];
    if (value !== undefined && value !== "") raw[key] = value;
  }
  const parsed = deliverySettingsSchema.safeParse({ ...raw, ...overrides });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = String(issue?.path[0] ?? "");
    const name = ENV_NAMES[key as keyof DeliverySettings] ?? key;
    throw new Error(`Invalid delivery setting ${name}: ${issue?.message ?? "invalid value"}`);
  }
  const settings = parsed.data;
  if (settings.maxRecordBytes * 4 > settings.maxBytesInFlight)
    throw new Error(
      "Invalid delivery setting FLOWGATE_DELIVERY_MAX_BYTES_IN_FLIGHT: it must be at least 4 × FLOWGATE_DELIVERY_MAX_RECORD_BYTES",
    );
  return {
    ...settings,
    maxOpenClaims:
      settings.maxOpenClaims === 0 ? settings.concurrency * 4 : Math.max(settings.maxOpenClaims, settings.concurrency),
  };
}

/** Calls a run may have in flight at once: `concurrency`, fewer when batches are large (at least one). */
export function callSlots(
  settings: Pick<DeliverySettings, "concurrency" | "maxRecordsInFlight">,
  recordsPerCall: number,
): number {
  return Math.max(
    1,
    Math.min(settings.concurrency, Math.floor(settings.maxRecordsInFlight / Math.max(1, recordsPerCall))),
  );
}
