import type { HttpMethod } from "@/lib/connectors/types";
import type { IntercomOutcome } from "../classify-outcome";
import type { SyncIdentifier } from "./sync-operations";

// The calls of a sync sequence as data, and what the runner needs of an answer. The caller's send
// function turns a SyncCall into a SyncAnswer (the worker: through the shared budget and retry
// rules; Send Test: once), so this module never touches the network.

export type SyncStep =
  "create" | "update" | "search" | "unarchive" | "archive" | "delete" | "company" | "create_contact" | "attach";

export interface SyncCall {
  step: SyncStep;
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** The parts of an Intercom answer the runner reads; IntercomResult satisfies it. */
export interface SyncAnswer {
  outcome: IntercomOutcome;
  status?: number;
  body: unknown;
  existingId?: string;
  errorMessage?: string;
}

/** `undefined`: the call was abandoned (pause, shutdown); the sequence stops and is re-run later. */
export type SyncSend = (call: SyncCall) => Promise<SyncAnswer | undefined>;

/** What every call of one record's sequence shares: where, and the headers the request builder made. */
export interface CallBase {
  baseUrl: string;
  headers: Record<string, string>;
}

const withoutBodyHeaders = (headers: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== "content-type"));

const pathId = (id: string) => encodeURIComponent(id);

export function jsonCall(base: CallBase, step: SyncStep, method: HttpMethod, path: string, body: string): SyncCall {
  return { step, method, url: `${base.baseUrl}${path}`, headers: { ...base.headers }, body };
}

export function bodilessCall(base: CallBase, step: SyncStep, method: HttpMethod, path: string): SyncCall {
  return { step, method, url: `${base.baseUrl}${path}`, headers: withoutBodyHeaders(base.headers) };
}

export const createCall = (base: CallBase, body: string) => jsonCall(base, "create", "POST", "/contacts", body);
export const updateCall = (base: CallBase, id: string, body: string) =>
  jsonCall(base, "update", "PUT", `/contacts/${pathId(id)}`, body);
export const unarchiveCall = (base: CallBase, id: string) =>
  bodilessCall(base, "unarchive", "POST", `/contacts/${pathId(id)}/unarchive`);
export const archiveCall = (base: CallBase, id: string) =>
  bodilessCall(base, "archive", "POST", `/contacts/${pathId(id)}/archive`);
export const deleteCall = (base: CallBase, id: string) =>
  bodilessCall(base, "delete", "DELETE", `/contacts/${pathId(id)}`);
export const attachCall = (base: CallBase, contactId: string, companyId: string) =>
  jsonCall(base, "attach", "POST", `/contacts/${pathId(contactId)}/companies`, JSON.stringify({ id: companyId }));

/** Intercom's query language: one exact filter on the identifier; a page big enough to list a few ids. */
export const searchCall = (base: CallBase, identifier: SyncIdentifier, value: string) =>
  jsonCall(
    base,
    "search",
    "POST",
    "/contacts/search",
    JSON.stringify({ query: { field: identifier, operator: "=", value }, pagination: { per_page: 10 } }),
  );

export interface SearchMatches {
  ids: string[];
  total: number;
}

/** The ids a search answer lists, and how many match in all. */
export function readSearchMatches(body: unknown): SearchMatches {
  const answer = (body ?? {}) as { data?: unknown; total_count?: unknown };
  const data = Array.isArray(answer.data) ? answer.data : [];
  const ids = data.flatMap((item) => {
    const id = (item as { id?: unknown } | null)?.id;
    return typeof id === "string" ? [id] : [];
  });
  const total = typeof answer.total_count === "number" ? answer.total_count : ids.length;
  return { ids, total };
}

export function readId(body: unknown): string | undefined {
  const id = (body as { id?: unknown } | null)?.id;
  return typeof id === "string" && id !== "" ? id : undefined;
}

/** The 409 Intercom gives when the existing contact is archived names it as such. */
export function conflictIsArchived(answer: SyncAnswer): boolean {
  return /\barchived contact\b/i.test(answer.errorMessage ?? JSON.stringify(answer.body ?? ""));
}
