/** The largest single record a file may hold; bigger ones are refused rather than buffered. */
export const MAX_RECORD_CHARS = 10 * 1024 * 1024;

/** How much of a file is read before deciding its format. */
export const SNIFF_BYTES = 64 * 1024;

/** The largest file (after decompression) accepted by default. */
export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024 * 1024;
