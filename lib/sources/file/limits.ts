import { MAX_RECORD_BYTES } from "@/lib/nexsets/record-size";

/**
 * Characters of one record's text read before it is refused unparsed (rather than buffered): room
 * for whitespace around a record of MAX_RECORD_BYTES, whose own size is checked once it is parsed.
 */
export const MAX_RECORD_CHARS = 4 * MAX_RECORD_BYTES;

/** How much of a file is read before deciding its format. */
export const SNIFF_BYTES = 64 * 1024;

/** The largest file (after decompression) accepted by default. */
export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024 * 1024;
