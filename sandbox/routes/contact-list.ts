import { z } from "zod";
import { IntercomError } from "../http/errors";
import { parseBody } from "../intercom/parse-body";
import { type IntercomRequest, type IntercomRoute, ok } from "../intercom/route-types";
import type { ContactRecord } from "../state/records";
import { compileQuery } from "./contact-search";
import { presentContact } from "./contact-view";
import { decodeCursor, encodeCursor, pagesObject, parsePerPage } from "./pagination";

function listContacts({ app, query }: IntercomRequest) {
  const perPage = parsePerPage(query.get("per_page"));
  const cursor = decodeCursor(query.get("starting_after"), "list");
  const page = cursor?.page ?? 1;
  const { items, hasMore } = app.data.contacts.pageAfter(cursor?.position ?? 0, perPage);
  const last = items.at(-1);
  const next = hasMore && last ? encodeCursor({ kind: "list", position: last.seq, page: page + 1 }) : undefined;
  return ok({
    type: "list",
    data: items.map((c) => presentContact(app, c)),
    total_count: app.data.contacts.activeCount,
    pages: pagesObject(page, perPage, app.data.contacts.activeCount, next),
  });
}

const searchSchema = z.object({
  query: z.unknown(),
  pagination: z
    .object({ per_page: z.number().int().optional(), starting_after: z.string().nullable().optional() })
    .nullable()
    .optional(),
  sort: z.object({ field: z.string(), order: z.string().optional() }).optional(),
});

const SORT_ORDERS = ["ascending", "descending"];

function searchContacts({ app, body, nowMs }: IntercomRequest) {
  const input = parseBody(searchSchema, body);
  if (input.query === undefined) throw new IntercomError(400, "parameter_not_found", "query is a required parameter");
  const matches = compileQuery(input.query);
  const perPage = parsePerPage(input.pagination?.per_page);
  const cursor = decodeCursor(input.pagination?.starting_after, "search");
  // Archived contacts are not searchable, and a contact created moments ago is not yet in the index
  // ("This delay can take a few minutes", Intercom's description of POST /contacts/search).
  const found = app.data.contacts.all().filter((c) => !c.archived && c.searchableFromMs <= nowMs && matches(c));
  if (input.sort) sortContacts(found, input.sort.field, input.sort.order ?? "descending");
  const offset = cursor?.position ?? 0;
  const page = cursor?.page ?? 1;
  const items = found.slice(offset, offset + perPage);
  const hasMore = offset + perPage < found.length;
  const next = hasMore ? encodeCursor({ kind: "search", position: offset + perPage, page: page + 1 }) : undefined;
  return ok({
    type: "list",
    data: items.map((c) => presentContact(app, c)),
    total_count: found.length,
    pages: pagesObject(page, perPage, found.length, next),
  });
}

function sortContacts(contacts: ContactRecord[], field: string, order: string): void {
  if (!SORT_ORDERS.includes(order)) {
    throw new IntercomError(
      400,
      "invalid_sort_order",
      `Invalid sort order '${order}'. Must be one of: ascending, descending`,
    );
  }
  const value = (c: ContactRecord): string | number => {
    const presented: Record<string, unknown> = {
      created_at: c.createdAt,
      updated_at: c.updatedAt,
      name: c.name,
      email: c.email,
      external_id: c.externalId,
    };
    const v = field.startsWith("custom_attributes.") ? c.customAttributes[field.slice(18)] : presented[field];
    return typeof v === "number" ? v : typeof v === "string" ? v : "";
  };
  const direction = order === "ascending" ? 1 : -1;
  contacts.sort((a, b) => {
    const x = value(a);
    const y = value(b);
    return (x < y ? -1 : x > y ? 1 : a.seq - b.seq) * direction;
  });
}

export const contactListRoutes: IntercomRoute[] = [
  { method: "GET", path: "/contacts", handler: listContacts },
  { method: "POST", path: "/contacts/search", handler: searchContacts },
];
