import { z } from "zod";

// Call and error-record ids are PostgreSQL bigints: a 19-digit string can still be past 2^63 − 1,
// which PostgreSQL refuses (a 500 if it got that far). Ids and cursors are checked here instead.
export const MAX_INT8 = 9_223_372_036_854_775_807n;

export function isInt8Id(value: string): boolean {
  return /^\d{1,19}$/.test(value) && BigInt(value) <= MAX_INT8;
}

/** A bigint id (or a cursor holding one) as a decimal string. */
export function int8IdSchema(message: string) {
  return z.string().refine(isInt8Id, { error: message });
}
