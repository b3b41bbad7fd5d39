import type { IntercomResult } from "./client-types";
import { callIntercom, type IntercomContext } from "./operations/context";

export interface PaginateOptions {
  path: string;
  /** GET lists take the cursor in the query; POST searches take it in body.pagination. */
  method?: "GET" | "POST";
  query?: Record<string, string | number | boolean | undefined>;
  body?: Record<string, unknown>;
  perPage?: number;
  /** Where the items are: "data" for most lists, "companies" for a contact's companies. */
  itemsProperty?: string;
  maxPages?: number;
}

export interface IntercomPage<T = unknown> {
  items: T[];
  /** 1-based number of this page in the walk. */
  page: number;
  totalCount?: number;
  result: IntercomResult;
}

type Next = { startingAfter: string } | { page: number } | { url: string } | undefined;

/**
 * Walks a list to the end. Follows `pages.next.starting_after` (cursor lists), a `pages.next` URL
 * on the same host, or page numbers (`pages.page` < `pages.total_pages`). Stops on an empty page
 * or a repeated cursor so a misbehaving server cannot loop it forever.
 */
export async function* paginate(ctx: IntercomContext, options: PaginateOptions): AsyncGenerator<IntercomPage> {
  const method = options.method ?? "GET";
  const seen = new Set<string>();
  let next: Next;
  for (let page = 1; page <= (options.maxPages ?? Number.POSITIVE_INFINITY); page++) {
    const result = await callIntercom(ctx, requestFor(method, options, next));
    const body = asRecord(result.body);
    const items = extractItems(body, options.itemsProperty);
    const totalCount = typeof body.total_count === "number" ? body.total_count : undefined;
    yield { items, page, totalCount, result };

    next = nextPage(body, ctx.baseUrl);
    const key = next ? JSON.stringify(next) : undefined;
    if (!next || items.length === 0 || (key && seen.has(key))) return;
    seen.add(key as string);
  }
}

function requestFor(method: "GET" | "POST", options: PaginateOptions, next: Next) {
  if (next && "url" in next) return { method, url: next.url };
  const startingAfter = next && "startingAfter" in next ? next.startingAfter : undefined;
  const pageNumber = next && "page" in next ? next.page : undefined;
  if (method === "POST") {
    const pagination = { per_page: options.perPage, ...(startingAfter ? { starting_after: startingAfter } : {}) };
    return { method, path: options.path, query: options.query, body: { ...options.body, pagination } };
  }
  const query = { ...options.query, per_page: options.perPage, starting_after: startingAfter, page: pageNumber };
  return { method, path: options.path, query };
}

export function nextPage(body: Record<string, unknown>, baseUrl: string): Next {
  const pages = asRecord(body.pages);
  const next = pages.next;
  if (next && typeof next === "object") {
    const startingAfter = (next as Record<string, unknown>).starting_after;
    if (typeof startingAfter === "string" && startingAfter) return { startingAfter };
  }
  if (typeof next === "string" && next) {
    try {
      const url = new URL(next, baseUrl);
      if (url.origin === new URL(baseUrl).origin) return { url: url.toString() };
    } catch {
      // A malformed link ends the walk rather than sending the token somewhere unknown.
    }
    return undefined;
  }
  const page = pages.page;
  const total = pages.total_pages;
  if (typeof page === "number" && typeof total === "number" && page < total) return { page: page + 1 };
  return undefined;
}

function extractItems(body: Record<string, unknown>, property?: string): unknown[] {
  for (const key of [property, "data", "companies", "contacts"]) {
    if (key && Array.isArray(body[key])) return body[key] as unknown[];
  }
  return [];
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
