import {
  createDataAttribute,
  type IntercomDataAttribute,
  IntercomCallError,
  listDataAttributes,
} from "@/lib/connectors/intercom";
import type { Db } from "@/lib/db/client";
import { DomainError, parseInput } from "@/lib/errors";
import { createDataAttributeSchema, type DataAttributeList, type DataAttributeView } from "./data-attribute-schemas";
import { loadCredentialToken } from "./load-credential-token";

// The workspace's data attributes, read through a credential. The wizard asks on every step change,
// so answers are kept per credential for a few minutes in this process (bounded); "refresh" and a
// create through Flowgate replace the entry.

export const DATA_ATTRIBUTES_TTL_MS = 5 * 60_000;
const MAX_CACHED_CREDENTIALS = 500;

interface CacheEntry {
  attributes: DataAttributeView[];
  fetchedAt: number;
}
const cache = new Map<string, CacheEntry>();

export async function getWorkspaceAttributes(
  db: Db,
  organisationId: string,
  credentialId: string,
  opts: { refresh?: boolean; now?: number } = {},
): Promise<DataAttributeList> {
  const now = opts.now ?? Date.now();
  const key = `${organisationId}:${credentialId}`;
  // The credential is loaded (and its organisation checked) even when the answer is cached.
  const credential = await loadCredentialToken(db, organisationId, credentialId);
  const cached = cache.get(key);
  if (cached && !opts.refresh && now - cached.fetchedAt < DATA_ATTRIBUTES_TTL_MS) return present(cached);
  const attributes = await callOrExplain(() =>
    listDataAttributes({ baseUrl: credential.baseUrl, token: credential.token }),
  );
  const entry = { attributes: attributes.map(toView), fetchedAt: now };
  remember(key, entry);
  return present(entry);
}

export async function createWorkspaceAttribute(
  db: Db,
  organisationId: string,
  credentialId: string,
  input: unknown,
): Promise<DataAttributeView> {
  const parsed = parseInput(createDataAttributeSchema, input);
  const credential = await loadCredentialToken(db, organisationId, credentialId);
  const created = await callOrExplain(() =>
    createDataAttribute({ baseUrl: credential.baseUrl, token: credential.token }, parsed),
  );
  const view = toView(created);
  const key = `${organisationId}:${credentialId}`;
  const cached = cache.get(key);
  if (cached) remember(key, { ...cached, attributes: [...cached.attributes, view] });
  return view;
}

/** Intercom's refusal (a duplicate name, a name it does not take) is the user's to read: 422 with its words. */
async function callOrExplain<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof IntercomCallError)) throw error;
    const { status, errorMessage } = error.result;
    if (status !== undefined && status >= 400 && status < 500 && status !== 429) {
      throw new DomainError("intercom_refused", `Intercom refused: ${errorMessage ?? `HTTP ${status}`}`, {
        status: 422,
        field: "name",
      });
    }
    throw error;
  }
}

function remember(key: string, entry: CacheEntry): void {
  cache.delete(key);
  cache.set(key, entry);
  if (cache.size > MAX_CACHED_CREDENTIALS) cache.delete(cache.keys().next().value!);
}

function present(entry: CacheEntry): DataAttributeList {
  return { attributes: entry.attributes, fetchedAt: new Date(entry.fetchedAt).toISOString() };
}

function toView(attribute: IntercomDataAttribute): DataAttributeView {
  return { ...attribute };
}
