/**
 * "Full jitter" exponential backoff: a random wait in [base·2^(n-1) / 2, base·2^(n-1)], capped at
 * `max`. Keeping half of the step stops retries from bunching; the jitter spreads the rest.
 */
export function computeBackoffMs(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 30);
  const ceiling = Math.min(maxMs, baseMs * 2 ** exponent);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
