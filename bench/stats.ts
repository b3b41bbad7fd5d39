// Small statistics shared by the benchmarks.

/** The middle value (the upper one of an even count). */
export function median(values: readonly number[]): number {
  return medianBy(values, (value) => value);
}

/** The item whose key is the median (the upper one of an even count). */
export function medianBy<T>(items: readonly T[], key: (item: T) => number): T {
  return [...items].sort((a, b) => key(a) - key(b))[Math.floor(items.length / 2)]!;
}

/** `n` rounded to `digits` decimals. */
export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
