import { z } from "zod";

// Intercom documents 10,000 calls per minute per app, enforced in 10-second windows:
// 10,000 / 6 ≈ 1,666 per window. A credential can lower (or raise) it with rateLimitPer10s,
// and FLOWGATE_RATE_LIMIT_PER_10S changes the default for every credential.
export const INTERCOM_DEFAULT_PER_10S = 1_666;
export const RATE_LIMIT_WINDOW_MS = 10_000;
// How long before a window's end a call granted now may still reach Intercom after the end (our
// event loop on a busy machine, the network): such calls count in both windows (budget-scripts.ts).
export const RATE_LIMIT_WINDOW_EDGE_MS = 1_000;

const perWindowSchema = z.coerce.number().int().positive().max(10_000_000);

export function defaultRateLimitPer10s(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const raw = env.FLOWGATE_RATE_LIMIT_PER_10S;
  if (raw === undefined || raw === "") return INTERCOM_DEFAULT_PER_10S;
  const parsed = perWindowSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`FLOWGATE_RATE_LIMIT_PER_10S must be a positive whole number, got "${raw}"`);
  return parsed.data;
}

/** The budget per 10-second window for one credential. */
export function credentialRateLimit(
  credential: { rateLimitPer10s: number | null },
  env: Readonly<Record<string, string | undefined>> = process.env,
): number {
  return credential.rateLimitPer10s ?? defaultRateLimitPer10s(env);
}
