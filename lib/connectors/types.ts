import type { z } from "zod";

// The shape every connector describes itself in (HOUSE-STYLE 7: connectors are data).
// lib/connectors/intercom/ is the first implementation; the wizard, the request builder,
// the worker and the sources read only these types.

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface RegionDefinition {
  id: string; // "us" | "eu" | "au" | "sandbox"
  name: string;
  /** Base URL without a trailing slash; resolved at run time for the sandbox. */
  baseUrl(): string | undefined;
  /** Where OAuth's consent page is (Connect with Intercom); absent when the region has none. */
  authorizeUrl?(): string | undefined;
}

export interface ContentFormatDefinition {
  id: string; // "json"
  name: string;
  mediaType: string;
  serialize(body: unknown): string;
}

/** What a body field takes; `timestamp` is Unix seconds (Intercom's `integer <date-time>`). */
export const BODY_FIELD_TYPES = ["string", "integer", "float", "boolean", "timestamp", "object", "array"] as const;
export type BodyFieldType = (typeof BODY_FIELD_TYPES)[number];

/** A top-level field of a request body, as the API version(s) listed describe it. */
export interface BodyFieldDefinition {
  name: string;
  type: BodyFieldType;
  /** The versions that have it (with this type); all of the endpoint's when absent. */
  versions?: readonly string[];
  /** Set on a `custom_attributes` object: whose data attributes it holds. */
  customAttributesOf?: "contact" | "company";
}

export interface EndpointDefinition {
  id: string; // "contacts.create"
  /** Picker group, e.g. "Contacts". */
  object: string;
  name: string; // "Create a contact"
  description: string;
  method: HttpMethod;
  /** Path template with `{param}` placeholders, e.g. "/contacts/{contact_id}". */
  path: string;
  pathParams: readonly string[];
  /** API versions this method + path exists in ("2.11" … "2.16", "Preview"). */
  versions: readonly string[];
  access: "read" | "write";
  /** Zod schema of the request body, for the common endpoints. */
  bodySchema?: z.ZodType;
  /** The body's top-level fields per version: mapping targets, and what the panel calls unknown. */
  bodyFields?: readonly BodyFieldDefinition[];
  /** Body fields Intercom requires (shown as warnings when missing). */
  requiredBodyFields?: readonly string[];
  /** Set when the endpoint takes many records in one call. */
  batch?: { property: string; maxItems: number };
  /** A realistic request body, used by the conformance tests and the wizard's hints. */
  exampleBody?: Record<string, unknown>;
  /** Example path parameter values for tests. */
  examplePathParams?: Record<string, string>;
  /** Query parameters Intercom documents for it (e.g. per_page, starting_after). */
  queryParams?: readonly string[];
  /** How a list answer continues: `pages.next.starting_after` (cursor) or a page number (page). */
  pagination?: "cursor" | "page";
  /** The Accept header it needs when not JSON (the export download streams gzipped CSV). */
  accept?: string;
  /** Set when the call starts an asynchronous job: which endpoint reports its status, and where the id is. */
  job?: { statusEndpointId: string; idProperty: string };
}

export interface AuthKindDefinition {
  id: string; // "access_token" | "oauth"
  name: string;
  description: string;
  /** OAuth only: whose token it is (e.g. personal / organisational). */
  oauthKinds?: readonly { id: string; name: string }[];
  /** OAuth only: the scopes a token may carry. */
  scopes?: readonly { id: string; name: string }[];
}

export interface ConnectorDefinition {
  id: string;
  name: string;
  regions: readonly RegionDefinition[];
  apiVersions: readonly string[];
  defaultApiVersion: string;
  contentFormats: readonly ContentFormatDefinition[];
  endpoints: readonly EndpointDefinition[];
  /** How a connection authenticates (optional so simpler connectors can omit it). */
  authKinds?: readonly AuthKindDefinition[];
}
