import { paginate } from "../paginate";
import type { IntercomContext } from "./context";

/** Every company one contact is attached to (GET /contacts/{id}/companies, all pages). */
export async function listContactCompanies(
  ctx: IntercomContext,
  contactId: string,
  options: { perPage?: number } = {},
): Promise<unknown[]> {
  const companies: unknown[] = [];
  const path = `/contacts/${encodeURIComponent(contactId)}/companies`;
  for await (const page of paginate(ctx, { path, perPage: options.perPage ?? 50, itemsProperty: "companies" })) {
    companies.push(...page.items);
  }
  return companies;
}

/** Tray's "list a contact's companies for each contact": one answer per contact, in order. */
export async function* listCompaniesForEachContact(
  ctx: IntercomContext,
  contacts: AsyncIterable<{ id: string }> | Iterable<{ id: string }>,
): AsyncGenerator<{ contactId: string; companies: unknown[] }> {
  for await (const contact of contacts) {
    yield { contactId: contact.id, companies: await listContactCompanies(ctx, contact.id) };
  }
}
