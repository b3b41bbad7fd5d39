// How large a content export may be: its download as Intercom sends it (usually gzip), and the CSV
// once decompressed. A gzip bomb (a few KB that inflate to gigabytes) is stopped by the second.

export interface ExportLimits {
  /** Bytes downloaded (compressed). */
  maxDownloadBytes: number;
  /** Bytes of CSV after decompression. */
  maxCsvBytes: number;
}

export const DEFAULT_EXPORT_LIMITS: ExportLimits = {
  maxDownloadBytes: 512 * 1024 * 1024,
  maxCsvBytes: 2 * 1024 * 1024 * 1024,
};

/** FLOWGATE_EXPORT_MAX_DOWNLOAD_BYTES and FLOWGATE_EXPORT_MAX_CSV_BYTES, read per run. */
export function exportLimits(env: Readonly<Record<string, string | undefined>> = process.env): ExportLimits {
  return {
    maxDownloadBytes: positive(env, "FLOWGATE_EXPORT_MAX_DOWNLOAD_BYTES", DEFAULT_EXPORT_LIMITS.maxDownloadBytes),
    maxCsvBytes: positive(env, "FLOWGATE_EXPORT_MAX_CSV_BYTES", DEFAULT_EXPORT_LIMITS.maxCsvBytes),
  };
}

function positive(env: Readonly<Record<string, string | undefined>>, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0)
    throw new Error(`${name} must be a whole number of bytes, not "${raw}"`);
  return value;
}
