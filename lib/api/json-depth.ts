// JSON.parse in V8 accepts any nesting, but almost everything that walks the parsed value afterwards
// (JSON.stringify, Prisma, zod, pino) recurses and throws RangeError somewhere past a few thousand
// levels: a 300,000-deep body used to reach the unhandled-error log. Real records nest a handful of
// levels, so bodies deeper than this are refused before they are parsed.
export const MAX_JSON_DEPTH = 64;

const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Offset of the bracket that first nests deeper than `maxDepth` (outside strings), or -1. No recursion. */
export function findExcessiveNesting(text: string, maxDepth = MAX_JSON_DEPTH): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === BACKSLASH) i++;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) inString = true;
    else if (code === OPEN_OBJECT || code === OPEN_ARRAY) {
      if (++depth > maxDepth) return i;
    } else if (code === CLOSE_OBJECT || code === CLOSE_ARRAY) depth--;
  }
  return -1;
}

export function tooDeepMessage(where: string, maxDepth = MAX_JSON_DEPTH): string {
  return `${where} nests deeper than ${maxDepth} levels of objects and arrays`;
}
