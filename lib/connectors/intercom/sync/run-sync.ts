import {
  archiveCall,
  attachCall,
  type CallBase,
  conflictIsArchived,
  createCall,
  deleteCall,
  jsonCall,
  readId,
  readSearchMatches,
  searchCall,
  type SyncAnswer,
  type SyncCall,
  type SyncSend,
  unarchiveCall,
  updateCall,
} from "./sync-calls";
import type { SyncIdentifier, SyncOperationKind } from "./sync-operations";

// Plans and runs one record's sequence of calls for a sync operation. Pure apart from `send`, which
// the caller supplies. Rules: create first and take the id from Intercom's 409 (no search when the
// answer names it); search only when no id is known; never update blindly when several contacts match.

export const SYNC_OUTCOMES = [
  "created",
  "updated",
  "unchanged",
  "archived",
  "deleted",
  "already_gone",
  "error",
] as const;
export type SyncOutcome = (typeof SYNC_OUTCOMES)[number];

export interface SyncExchange {
  call: SyncCall;
  answer: SyncAnswer;
}

export interface SyncResult {
  /** "abandoned": a call was cancelled (pause, shutdown); nothing is concluded and the record runs again. */
  outcome: SyncOutcome | "abandoned";
  contactId?: string;
  companyId?: string;
  /** Why an error record (or "already gone"); names the identifier or the ids found. */
  message?: string;
  /** Index in `exchanges` of the call that failed, for an error after a call. */
  failedCall?: number;
  exchanges: SyncExchange[];
}

export interface SyncInput {
  kind: SyncOperationKind;
  identifier: SyncIdentifier;
  base: CallBase;
  /** The record's mapped body, as the request builder produced it. */
  body: string | undefined;
  /** company + attach: the contact's identifier value, taken from the record. */
  contactIdentifierValue?: unknown;
}

class Abandoned extends Error {}

export async function runSync(input: SyncInput, send: SyncSend): Promise<SyncResult> {
  const exchanges: SyncExchange[] = [];
  const call = async (request: SyncCall): Promise<SyncAnswer> => {
    const answer = await send(request);
    if (!answer) throw new Abandoned();
    exchanges.push({ call: request, answer });
    return answer;
  };
  try {
    const result = await SEQUENCES[input.kind](input, call);
    return { ...result, exchanges };
  } catch (error) {
    if (error instanceof Abandoned) return { outcome: "abandoned", exchanges };
    throw error;
  }
}

type Call = (request: SyncCall) => Promise<SyncAnswer>;
type Sequence = (input: SyncInput, call: Call) => Promise<Omit<SyncResult, "exchanges">>;

/** An error record naming the failing call (the last one made). */
function failed(call: SyncCall, answer: SyncAnswer, exchangesSoFar: number): Omit<SyncResult, "exchanges"> {
  const detail = answer.errorMessage ?? (answer.status ? `Intercom answered ${answer.status}` : "no answer");
  return {
    outcome: "error",
    message: `${call.method} ${new URL(call.url).pathname}: ${detail}`,
    failedCall: exchangesSoFar,
  };
}

/** The mapped body as an object (undefined when it is not a JSON object). */
export function parseMappedBody(body: string | undefined): Record<string, unknown> | undefined {
  if (body === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The identifier's value as text, or undefined when missing or empty (then nothing is sent). */
export function identifierValue(value: unknown): string | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value !== "string") return undefined;
  return value.trim() === "" ? undefined : value;
}

function missingIdentifier(identifier: string, where = "The record"): Omit<SyncResult, "exchanges"> {
  return { outcome: "error", message: `${where} has no ${identifier} (missing or empty): nothing was sent` };
}

/** Counts calls so an error can point at the failing one. */
function counter(call: Call): { call: Call; count: () => number } {
  let made = 0;
  return {
    call: (request) => {
      made++;
      return call(request);
    },
    count: () => made - 1,
  };
}

/** Finds the one contact with this identifier: its id, none, or an error listing the ids. */
async function findContact(
  input: SyncInput,
  value: string,
  call: Call,
  index: () => number,
): Promise<{ id: string } | { none: true } | Omit<SyncResult, "exchanges">> {
  const request = searchCall(input.base, input.identifier, value);
  const answer = await call(request);
  if (answer.outcome !== "success") return failed(request, answer, index());
  const { ids, total } = readSearchMatches(answer.body);
  if (total === 0 || ids.length === 0) return { none: true };
  if (total > 1) {
    const more = total > ids.length ? ` and ${total - ids.length} more` : "";
    return {
      outcome: "error",
      message: `${total} contacts have ${input.identifier}=${value} (ids ${ids.join(", ")}${more}); nothing was updated`,
    };
  }
  return { id: ids[0]! };
}

/** PUT the mapped body to this contact, unarchiving it first when Intercom said it is archived. */
async function updateExisting(
  input: SyncInput,
  id: string,
  archived: boolean,
  call: Call,
  index: () => number,
): Promise<Omit<SyncResult, "exchanges">> {
  if (archived) {
    const unarchive = unarchiveCall(input.base, id);
    const answer = await call(unarchive);
    if (answer.outcome !== "success") return failed(unarchive, answer, index());
  }
  const update = updateCall(input.base, id, input.body ?? "{}");
  const answer = await call(update);
  if (answer.outcome !== "success") return failed(update, answer, index());
  return { outcome: "updated", contactId: readId(answer.body) ?? id };
}

const contactUpsert: Sequence = async (input, rawCall) => {
  const { call, count } = counter(rawCall);
  const body = parseMappedBody(input.body);
  const value = identifierValue(body?.[input.identifier]);
  if (value === undefined) return missingIdentifier(input.identifier);
  // A lead's email never conflicts in Intercom, so only a search can find the lead to update.
  if (input.identifier === "email" && body?.role === "lead") {
    const found = await findContact(input, value, call, count);
    if ("id" in found) return updateExisting(input, found.id, false, call, count);
    if (!("none" in found)) return found;
  }
  const create = createCall(input.base, input.body ?? "{}");
  const created = await call(create);
  if (created.outcome === "success") return { outcome: "created", contactId: readId(created.body) };
  if (created.outcome !== "conflict") return failed(create, created, count());
  if (created.existingId) return updateExisting(input, created.existingId, conflictIsArchived(created), call, count);
  const found = await findContact(input, value, call, count);
  if ("id" in found) return updateExisting(input, found.id, false, call, count);
  if ("none" in found)
    return {
      outcome: "error",
      message: `Intercom answered 409 without naming the contact, and no contact with ${input.identifier}=${value} was found (it may be archived, or not yet in Intercom's search index)`,
    };
  return found;
};

/** Search, then one call on the single match (update, archive or delete). */
function searchThen(
  act: (input: SyncInput, id: string, call: Call, index: () => number) => Promise<Omit<SyncResult, "exchanges">>,
  onNone: (identifier: string, value: string) => Omit<SyncResult, "exchanges">,
): Sequence {
  return async (input, rawCall) => {
    const { call, count } = counter(rawCall);
    const value = identifierValue(parseMappedBody(input.body)?.[input.identifier]);
    if (value === undefined) return missingIdentifier(input.identifier);
    const found = await findContact(input, value, call, count);
    if ("id" in found) return act(input, found.id, call, count);
    return "none" in found ? onNone(input.identifier, value) : found;
  };
}

const alreadyGone = (identifier: string, value: string) => ({
  outcome: "already_gone" as const,
  message: `no contact with ${identifier}=${value}`,
});

// Intercom's search lags writes (minutes at times): "none" may be a contact just created, so the
// error record says so, and its replay runs the same search once the index has caught up.
const contactUpdate = searchThen(
  (input, id, call, index) => updateExisting(input, id, false, call, index),
  (identifier, value) => ({
    outcome: "error",
    message: `no contact with ${identifier}=${value} (a contact created in the last few minutes may not be in Intercom's search index yet: replay the record later)`,
  }),
);

/** One call on the found contact; a 404 means it went in the meantime. */
function removeWith(makeCall: typeof archiveCall, done: "archived" | "deleted") {
  return searchThen(async (input, id, call, index) => {
    const request = makeCall(input.base, id);
    const answer = await call(request);
    if (answer.outcome === "success") return { outcome: done, contactId: id };
    return answer.status === 404 ? { outcome: "already_gone", contactId: id } : failed(request, answer, index());
  }, alreadyGone);
}

const contactArchive = removeWith(archiveCall, "archived");
const contactDelete = removeWith(deleteCall, "deleted");

/** POST /companies answers the company; it was new when it has not been updated since it was created. */
type CompanyUpsert =
  { error: Omit<SyncResult, "exchanges"> } | { companyId: string | undefined; outcome: "created" | "updated" };

async function upsertCompany(input: SyncInput, call: Call, index: () => number): Promise<CompanyUpsert> {
  const request = jsonCall(input.base, "company", "POST", "/companies", input.body ?? "{}");
  const answer = await call(request);
  if (answer.outcome !== "success") return { error: failed(request, answer, index()) };
  const company = (answer.body ?? {}) as { created_at?: unknown; updated_at?: unknown };
  const fresh = company.created_at === company.updated_at;
  return { companyId: readId(answer.body), outcome: fresh ? "created" : "updated" };
}

const companyUpsert: Sequence = async (input, rawCall) => {
  const { call, count } = counter(rawCall);
  const company = await upsertCompany(input, call, count);
  return "error" in company ? company.error : { outcome: company.outcome, companyId: company.companyId };
};

const companyUpsertAttach: Sequence = async (input, rawCall) => {
  const { call, count } = counter(rawCall);
  const value = identifierValue(input.contactIdentifierValue);
  if (value === undefined) return missingIdentifier(`contact ${input.identifier}`);
  const company = await upsertCompany(input, call, count);
  if ("error" in company) return company.error;
  if (!company.companyId) return { outcome: "error", message: "POST /companies answered no company id" };
  const create = createCall(input.base, JSON.stringify({ [input.identifier]: value }));
  const created = await call(create);
  const contactId = created.outcome === "success" ? readId(created.body) : created.existingId;
  if (!contactId) return failed(create, created, count());
  if (created.outcome === "conflict" && conflictIsArchived(created)) {
    const unarchive = unarchiveCall(input.base, contactId);
    const answer = await call(unarchive);
    if (answer.outcome !== "success") return failed(unarchive, answer, count());
  }
  const attach = attachCall(input.base, contactId, company.companyId);
  const attached = await call(attach);
  if (attached.outcome !== "success") return failed(attach, attached, count());
  return { outcome: company.outcome, companyId: company.companyId, contactId };
};

const SEQUENCES: Record<SyncOperationKind, Sequence> = {
  contact_upsert: contactUpsert,
  contact_update: contactUpdate,
  contact_archive: contactArchive,
  contact_delete: contactDelete,
  company_upsert: companyUpsert,
  company_upsert_attach: companyUpsertAttach,
};
