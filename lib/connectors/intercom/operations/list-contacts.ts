import { type IntercomPage, paginate } from "../paginate";
import type { IntercomContext } from "./context";

/** Intercom's ceiling for GET /contacts. */
export const MAX_CONTACTS_PER_PAGE = 150;

export interface ListContactsOptions {
  perPage?: number;
  maxPages?: number;
}

/** GET /contacts, page after page (cursor pagination), until Intercom says there is no next page. */
export function listContacts(ctx: IntercomContext, options: ListContactsOptions = {}): AsyncGenerator<IntercomPage> {
  const perPage = Math.min(MAX_CONTACTS_PER_PAGE, Math.max(1, options.perPage ?? 50));
  return paginate(ctx, { path: "/contacts", perPage, maxPages: options.maxPages, itemsProperty: "data" });
}

/** POST /contacts/search with the cursor carried in body.pagination. */
export function searchContacts(
  ctx: IntercomContext,
  query: Record<string, unknown>,
  options: ListContactsOptions = {},
): AsyncGenerator<IntercomPage> {
  const perPage = Math.min(MAX_CONTACTS_PER_PAGE, Math.max(1, options.perPage ?? 50));
  return paginate(ctx, {
    path: "/contacts/search",
    method: "POST",
    body: { query },
    perPage,
    maxPages: options.maxPages,
  });
}
