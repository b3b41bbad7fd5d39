export const CSV_DELIMITERS = [",", ";", "\t", "|"] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

const SAMPLE_LINES = 20;

/** Counts each candidate delimiter outside quotes, line by line, over the first complete lines. */
function countDelimiters(sample: string): Map<CsvDelimiter, number[]> {
  const counts = new Map<CsvDelimiter, number[]>(CSV_DELIMITERS.map((d) => [d, [0]]));
  let quoted = false;
  let lines = 0;
  for (let i = 0; i < sample.length && lines < SAMPLE_LINES; i++) {
    const ch = sample[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === "\n") {
      lines++;
      for (const perLine of counts.values()) perLine.push(0);
    } else if (!quoted && counts.has(ch as CsvDelimiter)) {
      const perLine = counts.get(ch as CsvDelimiter)!;
      perLine[perLine.length - 1]! += 1;
    }
  }
  // The last line of a sample is usually cut short: drop it unless it is the only one.
  for (const perLine of counts.values()) if (perLine.length > 1) perLine.pop();
  return counts;
}

/**
 * Picks the delimiter that splits every sampled line into the same number of fields (more
 * than one), preferring the one that gives the most fields; a single-column file gets ",".
 */
export function detectDelimiter(sample: string): CsvDelimiter {
  let best: { delimiter: CsvDelimiter; consistent: boolean; fields: number } = {
    delimiter: ",",
    consistent: false,
    fields: 0,
  };
  for (const [delimiter, perLine] of countDelimiters(sample)) {
    const header = perLine[0] ?? 0;
    if (header === 0) continue;
    const consistent = perLine.every((n) => n === header);
    const better = consistent !== best.consistent ? consistent : header > best.fields;
    if (better) best = { delimiter, consistent, fields: header };
  }
  return best.delimiter;
}

export function describeDelimiter(delimiter: CsvDelimiter): string {
  return { ",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe" }[delimiter];
}
