// Node flags for the web process (`next start`), passed through NODE_OPTIONS by `npm start`.
// An upload's live data is small (a batch of at most 5,000 records or ~8 MB), but without a cap V8
// lets garbage pile up: a 1,000,000-row, 119 MB CSV peaked at 579 MB RSS uncapped and under 300 MB
// with a 256 MB heap and 8 MB young-generation semi-spaces (bench/ingest.ts; see README).

export const DEFAULT_WEB_HEAP_MB = 256;
const YOUNG_SEMI_SPACE_MB = 8;

/** FLOWGATE_WEB_HEAP_MB: the web process's V8 heap cap in MB; 0 leaves V8's own default. */
export function webNodeOptions(env: Record<string, string | undefined> = process.env): string {
  const raw = env.FLOWGATE_WEB_HEAP_MB?.trim();
  const heapMb = raw ? Number(raw) : DEFAULT_WEB_HEAP_MB;
  if (!Number.isInteger(heapMb) || heapMb < 0)
    throw new Error(`FLOWGATE_WEB_HEAP_MB must be a whole number of MB (or 0 for V8's default), not "${raw}"`);
  const flags = heapMb === 0 ? [] : [`--max-old-space-size=${heapMb}`, `--max-semi-space-size=${YOUNG_SEMI_SPACE_MB}`];
  return [env.NODE_OPTIONS, ...flags].filter(Boolean).join(" ");
}
