// The Intercom permission (OAuth scope) each catalogue operation needs. Intercom grants the permissions
// ticked on the OAuth app as a whole, never per request, so Flowgate can only tell the user which ones
// its destinations rely on and name the missing one when Intercom refuses.
//
// Evidence: the names are Intercom's own checkbox labels, from developers.intercom.com "OAuth Scopes"
// (docs/build-an-integration/learn-more/authentication/oauth-scopes): "Read and list users and companies"
// (list and view all users and companies), "Read and write users" (list all users and execute bulk
// actions), "Write users and companies" (create and update users and companies), "Read one user and one
// company", "Read tags" / "Write tags", "Read conversations" / "Write conversations" (reply to, close),
// "Write events", "Write data attributes", "Export content data", "Read tickets" / "Write tickets".
// Intercom's page does not map endpoints to scopes; the mapping below follows those descriptions and is
// ours: notes and company attachments change a contact, so they need "Write users and companies";
// creating a conversation or message as an admin needs "Write conversations"; GET /me needs none.

export const INTERCOM_PERMISSIONS = [
  "Read and list users and companies",
  "Read and write users",
  "Write users and companies",
  "Read one user and one company",
  "Read tags",
  "Write tags",
  "Read conversations",
  "Write conversations",
  "Write events",
  "Write data attributes",
  "Export content data",
  "Read tickets",
  "Write tickets",
] as const;

export type IntercomPermission = (typeof INTERCOM_PERMISSIONS)[number];

// The identifier a 403 names a scope by. Intercom's OpenAPI (2.16 and Preview, the macros endpoints)
// shows one: "You do not have the required scope (read_conversations) to access this resource". The
// others follow that pattern and are ours (Tray's connector lists the same snake_case ids).
const SCOPE_IDS: Readonly<Record<IntercomPermission, string>> = {
  "Read and list users and companies": "read_users_companies",
  "Read and write users": "read_write_users",
  "Write users and companies": "write_users_companies",
  "Read one user and one company": "read_single_user_company",
  "Read tags": "read_tags",
  "Write tags": "write_tags",
  "Read conversations": "read_conversations",
  "Write conversations": "write_conversations",
  "Write events": "write_events",
  "Write data attributes": "write_data_attributes",
  "Export content data": "export_content",
  "Read tickets": "read_tickets",
  "Write tickets": "write_tickets",
};

// "Read and list users and companies" is described as listing AND viewing all users and companies,
// so it covers reading one; no other permission covers another.
const IMPLIED: Partial<Record<IntercomPermission, readonly IntercomPermission[]>> = {
  "Read and list users and companies": ["Read one user and one company"],
};

export function scopeIdOf(permission: IntercomPermission): string {
  return SCOPE_IDS[permission];
}

export function permissionOfScopeId(scopeId: string): IntercomPermission | undefined {
  return INTERCOM_PERMISSIONS.find((permission) => SCOPE_IDS[permission] === scopeId);
}

export function isIntercomPermission(name: string): name is IntercomPermission {
  return (INTERCOM_PERMISSIONS as readonly string[]).includes(name);
}

/** The first of `needed` that the permissions ticked on an OAuth app do not cover. */
export function firstMissingPermission(
  granted: readonly string[],
  needed: readonly IntercomPermission[],
): IntercomPermission | undefined {
  const covered = new Set<string>(granted.flatMap((name) => [name, ...(IMPLIED[name as IntercomPermission] ?? [])]));
  return needed.find((permission) => !covered.has(permission));
}

/** Any valid token may call it (GET /me identifies the token itself). */
export const NO_PERMISSION = "none" as const;

type Needed = IntercomPermission | typeof NO_PERMISSION;

const BY_OPERATION: Readonly<Record<string, readonly Needed[]>> = {
  "contacts.create": ["Write users and companies"],
  "contacts.update": ["Write users and companies"],
  "contacts.delete": ["Write users and companies"],
  "contacts.archive": ["Write users and companies"],
  "contacts.unarchive": ["Write users and companies"],
  "contacts.get": ["Read one user and one company"],
  "contacts.find_by_external_id": ["Read one user and one company"],
  "contacts.list": ["Read and list users and companies"],
  "contacts.search": ["Read and list users and companies"],
  "contacts.bulk_create": ["Read and write users"],
  "contacts.bulk_update": ["Read and write users"],
  "contacts.bulk_delete": ["Read and write users"],
  "contacts.bulk_status": ["Read and write users"],
  "companies.upsert": ["Write users and companies"],
  "companies.list": ["Read and list users and companies"],
  "companies.get": ["Read one user and one company"],
  "companies.attach_contact": ["Write users and companies"],
  "companies.detach_contact": ["Write users and companies"],
  "companies.list_for_contact": ["Read and list users and companies"],
  "tags.attach_to_contact": ["Write tags"],
  "tags.detach_from_contact": ["Write tags"],
  "tags.create": ["Write tags"],
  "tags.list": ["Read tags"],
  "notes.create_for_contact": ["Write users and companies"],
  "notes.list_for_contact": ["Read one user and one company"],
  "events.submit": ["Write events"],
  "conversations.create": ["Write conversations"],
  "conversations.reply": ["Write conversations"],
  "conversations.get": ["Read conversations"],
  "conversations.list": ["Read conversations"],
  "messages.create": ["Write conversations"],
  "tickets.create": ["Write tickets"],
  "tickets.get": ["Read tickets"],
  "data_attributes.list": ["Read and list users and companies"],
  "data_attributes.create": ["Write data attributes"],
  "export.content.create": ["Export content data"],
  "export.content.status": ["Export content data"],
  "export.content.download": ["Export content data"],
  "export.cancel": ["Export content data"],
  "me.get": [NO_PERMISSION],
  // Sync operations: search first (listing), then create/update/archive/delete/attach.
  "sync.contacts.upsert": ["Write users and companies", "Read and list users and companies"],
  "sync.contacts.update": ["Read and list users and companies", "Write users and companies"],
  "sync.contacts.archive": ["Read and list users and companies", "Write users and companies"],
  "sync.contacts.delete": ["Read and list users and companies", "Write users and companies"],
  "sync.companies.upsert": ["Write users and companies"],
  "sync.companies.upsert_attach": ["Read and list users and companies", "Write users and companies"],
};

// Endpoints Intercom has (and the sandbox serves) that the catalogue does not offer, by method and path.
export const UNCATALOGUED_ENDPOINT_PERMISSIONS: Readonly<Record<string, readonly IntercomPermission[]>> = {
  "GET /contacts/{contact_id}/tags": ["Read tags"],
  "GET /ticket_types": ["Read tickets"],
};

/** The permissions an operation needs (empty for an operation the catalogue does not know). */
export function permissionsFor(operationId: string): IntercomPermission[] {
  return (BY_OPERATION[operationId] ?? []).filter((needed): needed is IntercomPermission => needed !== NO_PERMISSION);
}

/** True when the catalogue records what the operation needs (possibly nothing, like GET /me). */
export function hasPermissionRecord(operationId: string): boolean {
  return (BY_OPERATION[operationId]?.length ?? 0) > 0;
}

/**
 * The user-facing explanation of a 403: which permission the connection lacks, for which operation.
 * `scopeId`: the scope Intercom's answer named, when it named one it needs; else every one needed.
 */
export function missingPermissionMessage(
  operationId: string,
  operationName: string,
  scopeId?: string,
): string | undefined {
  const named = scopeId === undefined ? undefined : permissionOfScopeId(scopeId);
  const needed = named && permissionsFor(operationId).includes(named) ? [named] : permissionsFor(operationId);
  if (needed.length === 0) return undefined;
  const names = needed.map((permission) => `'${permission}'`).join(" and ");
  const noun = needed.length === 1 ? "permission" : "permissions";
  return `Intercom refused: this connection lacks the ${names} ${noun} needed by ${operationName}`;
}
