import { parameterInvalid } from "../http/errors";

// Cursor pagination as Intercom answers it: `pages.next.starting_after` is an opaque string the
// client hands back. Ours carries where to resume and the page number the next page will be.

export const DEFAULT_PER_PAGE = 50;
export const MAX_PER_PAGE = 150;

export interface Cursor {
  kind: "list" | "search";
  /** list: the last seq seen; search: the offset of the next item */
  position: number;
  page: number;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.kind === "list" ? "l" : "s", cursor.position, cursor.page])).toString(
    "base64url",
  );
}

export function decodeCursor(value: string | null | undefined, kind: Cursor["kind"]): Cursor | undefined {
  if (value === null || value === undefined || value === "") return undefined;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
    if (Array.isArray(decoded) && decoded.length === 3 && decoded[0] === (kind === "list" ? "l" : "s")) {
      const [, position, page] = decoded as [string, unknown, unknown];
      if (Number.isInteger(position) && Number.isInteger(page))
        return { kind, position: position as number, page: page as number };
    }
  } catch {
    // fall through to the error below
  }
  throw parameterInvalid("starting_after is invalid");
}

export function parsePerPage(value: unknown, fallback = DEFAULT_PER_PAGE, max = MAX_PER_PAGE): number {
  if (value === undefined || value === null || value === "") return fallback;
  const n = typeof value === "number" ? value : Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw parameterInvalid(`per_page must be an integer between 1 and ${max}`);
  return n;
}

export function pagesObject(
  page: number,
  perPage: number,
  total: number,
  next: string | undefined,
): Record<string, unknown> {
  const pages: Record<string, unknown> = {
    type: "pages",
    page,
    per_page: perPage,
    total_pages: Math.ceil(total / perPage),
  };
  if (next) pages.next = { page: page + 1, per_page: perPage, starting_after: next };
  return pages;
}
