// Node flags for a worker process, shared by everything that starts one (npm start, the delivery
// benchmark, the tests' worker processes; docker-compose.yml and package.json spell out the default).

/**
 * A worker's live data is small: a run holds at most FLOWGATE_DELIVERY_MAX_RECORDS_IN_FLIGHT records
 * (20,000 by default), and the process at most FLOWGATE_DELIVERY_MAX_BYTES_IN_FLIGHT bytes of them. Without a cap V8 lets garbage pile up to hundreds of MB before collecting it:
 * 1,000,000 records in bulk calls peaked at 378 MB RSS uncapped, 304 MB with a 256 MB heap, and
 * 282 MB with the young generation's semi-spaces at 8 MB as well (bench/delivery.ts memory).
 */
export const DEFAULT_WORKER_HEAP_MB = 256;
const YOUNG_SEMI_SPACE_MB = 8;
/**
 * V8 treats a heap capped this low as a small device's and lets it grow only 1.3× past its live data
 * before a full collection, so a busy worker marked its whole heap several times a second (bench/delivery.ts
 * overhead). 1.5× leaves full collections seconds apart now that little outlives the young generation, and
 * keeps the 1,000,000-record memory figure under its goal, which twice the live data did not always
 * (bench/delivery.ts memory).
 */
const HEAP_GROWING_PERCENT = 50;

/** FLOWGATE_WORKER_HEAP_MB: the V8 heap cap in MB; 0 leaves V8's own default. */
export function workerNodeFlags(env: Record<string, string | undefined> = process.env): string[] {
  const configured =
    env.FLOWGATE_WORKER_HEAP_MB === undefined || env.FLOWGATE_WORKER_HEAP_MB === ""
      ? DEFAULT_WORKER_HEAP_MB
      : Number(env.FLOWGATE_WORKER_HEAP_MB);
  if (!Number.isInteger(configured) || configured < 0)
    throw new Error(
      `FLOWGATE_WORKER_HEAP_MB must be a whole number of MB (or 0 for V8's default), not "${env.FLOWGATE_WORKER_HEAP_MB}"`,
    );
  if (configured === 0) return [];
  return [
    `--max-old-space-size=${configured}`,
    `--max-semi-space-size=${YOUNG_SEMI_SPACE_MB}`,
    `--heap-growing-percent=${HEAP_GROWING_PERCENT}`,
  ];
}
