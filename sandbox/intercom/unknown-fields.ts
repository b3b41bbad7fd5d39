import { IntercomError } from "../http/errors";

// Intercom answers 400 to a top-level body field it does not know. Evidence:
// - Intercom's OpenAPI descriptions (2.11, 2.14, 2.16, Preview) document it for POST /companies,
//   PUT /companies/{id} and POST /tags: request example `{"test": "invalid"}` →
//   400 {"code": "bad_request", "message": "bad 'test' parameter"}.
// - Client library reports show the same answer from the contacts/users and events endpoints:
//   intercom/intercom-java#45 and intercom/intercom-ruby#367 ("bad 'type' parameter" when a client
//   sent `type` with a user), intercom/intercom-ruby#393 ("found unpermitted parameter").
// The request schemas leave additionalProperties unset, so the descriptions' validators accept such
// bodies; Intercom's servers do not, and the sandbox follows the servers.

/** Refuses the first field not in `known`, as Intercom does. */
export function refuseUnknownFields(body: unknown, known: ReadonlySet<string>): void {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return;
  const unknown = Object.keys(body).find((key) => !known.has(key));
  if (unknown !== undefined) throw new IntercomError(400, "bad_request", `bad '${unknown}' parameter`);
}

/** The field names of a zod object schema, less those the version does not have. */
export function knownFields(shape: object, missingIn: Readonly<Record<string, (version: string) => boolean>> = {}) {
  const names = Object.keys(shape);
  return (version: string): ReadonlySet<string> =>
    new Set(names.filter((name) => !(missingIn[name]?.(version) ?? false)));
}
