import { type IntercomPage, paginate } from "../paginate";
import type { IntercomContext } from "./context";

export interface ListCompaniesOptions {
  perPage?: number;
  maxPages?: number;
  /** Optional filters GET /companies accepts. */
  filter?: { name?: string; company_id?: string; tag_id?: string; segment_id?: string };
}

/** GET /companies page by page (page numbers, or a cursor when the server gives one). */
export function listCompanies(ctx: IntercomContext, options: ListCompaniesOptions = {}): AsyncGenerator<IntercomPage> {
  const perPage = Math.min(60, Math.max(1, options.perPage ?? 50));
  return paginate(ctx, {
    path: "/companies",
    perPage,
    maxPages: options.maxPages,
    query: { ...options.filter },
    itemsProperty: "data",
  });
}
