export interface RecordGroup {
  url: string;
  indexes: number[];
}

/**
 * Batches: records that resolve to the same URL, in order of first appearance, cut into chunks of
 * `size`. Grouping by URL (rather than taking each chunk's URL from its first record) means a record
 * is never sent to another record's URL, e.g. with /companies/{company_id}/contacts.
 */
export function groupByUrl(items: readonly { index: number; url: string }[], size: number): RecordGroup[] {
  const byUrl = new Map<string, number[]>();
  for (const { index, url } of items) {
    const indexes = byUrl.get(url);
    if (indexes) indexes.push(index);
    else byUrl.set(url, [index]);
  }
  const groups: RecordGroup[] = [];
  for (const [url, indexes] of byUrl) {
    for (let start = 0; start < indexes.length; start += size)
      groups.push({ url, indexes: indexes.slice(start, start + size) });
  }
  return groups;
}

/** A copy of the record without the excluded attributes (the record itself when none are). */
export function withoutExcluded(
  record: Record<string, unknown>,
  excluded: ReadonlySet<string>,
): Record<string, unknown> {
  if (excluded.size === 0) return record;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(record)) if (!excluded.has(key)) copy[key] = record[key];
  return copy;
}
