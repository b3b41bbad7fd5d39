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
}

export interface ContentFormatDefinition {
  id: string; // "json"
  name: string;
  mediaType: string;
  serialize(body: unknown): string;
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
  /** Body fields Intercom requires (shown as warnings when missing). */
  requiredBodyFields?: readonly string[];
  /** Set when the endpoint takes many records in one call. */
  batch?: { property: string; maxItems: number };
  /** A realistic request body, used by the conformance tests and the wizard's hints. */
  exampleBody?: Record<string, unknown>;
  /** Example path parameter values for tests. */
  examplePathParams?: Record<string, string>;
}

export interface ConnectorDefinition {
  id: string;
  name: string;
  regions: readonly RegionDefinition[];
  apiVersions: readonly string[];
  defaultApiVersion: string;
  contentFormats: readonly ContentFormatDefinition[];
  endpoints: readonly EndpointDefinition[];
}
