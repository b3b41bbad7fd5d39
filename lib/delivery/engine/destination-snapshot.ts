import type { Db } from "@/lib/db/client";
import { type DestinationConfig, destinationConfigSchema } from "@/lib/destinations/schemas";
import { credentialRateLimit } from "@/lib/rate-limit/rate-limit-settings";
import { DONE_MASK_BITS } from "./claim-store";

// What a running delivery needs to know about its destination, re-read every refresh interval
// so a pause, a config edit, a new record or a new rate limit takes effect on the next call.

export interface DestinationSnapshot {
  id: string;
  organisationId: string;
  name: string;
  flowId: string | null;
  nexsetId: string;
  credentialId: string;
  status: string;
  configVersion: number;
  /** undefined when the stored settings no longer parse (the run stops with a message). */
  config: DestinationConfig | undefined;
  configProblem?: string;
  deliveredThroughSeq: number;
  failureStreak: number;
  recordCount: number;
  rateLimitPer10s: number;
}

export async function loadDestinationSnapshot(db: Db, destinationId: string): Promise<DestinationSnapshot | null> {
  const row = await db.destination.findUnique({
    where: { id: destinationId },
    select: {
      id: true,
      organisationId: true,
      name: true,
      flowId: true,
      nexsetId: true,
      credentialId: true,
      status: true,
      configVersion: true,
      config: true,
      deliveredThroughSeq: true,
      failureStreak: true,
      nexset: { select: { recordCount: true } },
      credential: { select: { rateLimitPer10s: true } },
    },
  });
  if (!row) return null;
  const parsed = destinationConfigSchema.safeParse(row.config);
  return {
    id: row.id,
    organisationId: row.organisationId,
    name: row.name,
    flowId: row.flowId,
    nexsetId: row.nexsetId,
    credentialId: row.credentialId,
    status: row.status,
    configVersion: row.configVersion,
    config: parsed.success ? parsed.data : undefined,
    ...(parsed.success
      ? {}
      : { configProblem: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") }),
    deliveredThroughSeq: row.deliveredThroughSeq,
    failureStreak: row.failureStreak,
    recordCount: row.nexset.recordCount,
    rateLimitPer10s: credentialRateLimit(row.credential),
  };
}

/** Records per call: the batch size when batching applies, else one. */
export function recordsPerCall(config: DestinationConfig): number {
  const bodiless = config.method === "GET" || config.method === "DELETE";
  return config.batching.enabled && !bodiless ? config.batching.size : 1;
}

/**
 * Calls per claim: one batch, or, for one call per record, up to DONE_MASK_BITS records, so the
 * claim's own rows (insert, progress, finish) cost a fraction of a write per record. Each record's
 * call still commits it as done (doneMask), so a crash resends only what was in flight.
 */
export function callsPerClaim(config: DestinationConfig): number {
  return recordsPerCall(config) === 1 ? DONE_MASK_BITS : 1;
}

export function recordsPerClaim(config: DestinationConfig): number {
  return recordsPerCall(config) * callsPerClaim(config);
}
