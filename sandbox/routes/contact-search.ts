import { IntercomError, parameterInvalid } from "../http/errors";
import type { ContactRecord } from "../state/records";

// Evaluates Intercom's search query language over contacts: {field, operator, value} filters nested
// under AND/OR (at most 2 levels, 15 filters per group). Dates match by UTC calendar day, as the
// description says Intercom does.

export type ContactPredicate = (contact: ContactRecord) => boolean;

const DAY = 86_400;
const DATE_FIELDS = new Set([
  "created_at",
  "updated_at",
  "signed_up_at",
  "last_seen_at",
  "last_contacted_at",
  "last_replied_at",
  "last_email_opened_at",
  "last_email_clicked_at",
]);
const STRING_OPERATORS = new Set(["=", "!=", "IN", "NIN", "~", "!~", "^", "$", "<", ">", "<=", ">="]);
const DATE_OPERATORS = new Set(["=", "<", ">"]);

function fieldValue(contact: ContactRecord, field: string): unknown {
  if (field.startsWith("custom_attributes."))
    return contact.customAttributes[field.slice("custom_attributes.".length)] ?? null;
  switch (field) {
    case "id":
      return contact.id;
    case "role":
      return contact.role;
    case "name":
      return contact.name;
    case "email":
      return contact.email;
    case "email_domain":
      return contact.email?.split("@")[1] ?? null;
    case "phone":
      return contact.phone;
    case "external_id":
      return contact.externalId;
    case "owner_id":
      return contact.ownerId;
    case "avatar":
      return contact.avatar;
    case "language_override":
      return contact.languageOverride;
    case "unsubscribed_from_emails":
      return contact.unsubscribedFromEmails;
    case "has_hard_bounced":
    case "marked_email_as_spam":
      return false;
    case "created_at":
      return contact.createdAt;
    case "updated_at":
      return contact.updatedAt;
    case "signed_up_at":
      return contact.signedUpAt;
    case "last_seen_at":
      return contact.lastSeenAt;
    case "last_contacted_at":
    case "last_replied_at":
    case "last_email_opened_at":
    case "last_email_clicked_at":
      return null;
    case "tag_id":
      return [...contact.tags.keys()];
    case "company_id":
      return [...contact.companyIds];
    default:
      throw parameterInvalid(`'${field}' is not a searchable contact field`);
  }
}

export function compileQuery(query: unknown, depth = 0): ContactPredicate {
  if (query === null || typeof query !== "object" || Array.isArray(query))
    throw parameterInvalid("query must be an object");
  const { field, operator, value } = query as Record<string, unknown>;
  if (operator === "AND" || operator === "OR") {
    if (depth >= 2) throw parameterInvalid("A search query can nest at most 2 levels of AND/OR");
    if (!Array.isArray(value) || value.length === 0)
      throw parameterInvalid(`value of an ${operator} query must be a non-empty array`);
    if (value.length > 15) throw parameterInvalid(`An ${operator} group can hold at most 15 filters`);
    const parts = value.map((v) => compileQuery(v, depth + 1));
    return operator === "AND" ? (c) => parts.every((p) => p(c)) : (c) => parts.some((p) => p(c));
  }
  if (typeof field !== "string" || field === "")
    throw new IntercomError(400, "parameter_not_found", "field is a required parameter");
  if (typeof operator !== "string" || !STRING_OPERATORS.has(operator))
    throw parameterInvalid(`operator '${String(operator)}' is not supported`);
  fieldValue(DUMMY, field); // rejects unknown fields up front, before any contact is read
  if (DATE_FIELDS.has(field)) return compileDateFilter(field, operator, value);
  return compileValueFilter(field, operator, value);
}

function compileDateFilter(field: string, operator: string, value: unknown): ContactPredicate {
  if (!DATE_OPERATORS.has(operator))
    throw parameterInvalid(`operator '${operator}' is not supported on date field ${field}`);
  if (!Number.isInteger(value)) throw parameterInvalid(`value for ${field} must be a UNIX timestamp`);
  const dayStart = Math.floor((value as number) / DAY) * DAY;
  return (c) => {
    const v = fieldValue(c, field);
    if (typeof v !== "number") return false;
    if (operator === "=") return v >= dayStart && v < dayStart + DAY;
    if (operator === ">") return v >= dayStart + DAY;
    return v < dayStart;
  };
}

function compileValueFilter(field: string, operator: string, value: unknown): ContactPredicate {
  if ((operator === "IN" || operator === "NIN") !== Array.isArray(value)) {
    throw parameterInvalid(`value must ${Array.isArray(value) ? "not " : ""}be an array for operator ${operator}`);
  }
  const test = valueTest(operator, value);
  return (c) => {
    const v = fieldValue(c, field);
    return Array.isArray(v)
      ? operator === "!=" || operator === "NIN"
        ? v.every((x) => test(x))
        : v.some((x) => test(x))
      : test(v);
  };
}

function valueTest(operator: string, expected: unknown): (actual: unknown) => boolean {
  const norm = (x: unknown) => (typeof x === "string" ? x.toLowerCase() : x);
  const want = Array.isArray(expected) ? expected.map(norm) : norm(expected);
  const text = (x: unknown) =>
    typeof x === "string" ? x.toLowerCase() : x === null || x === undefined ? "" : String(x);
  switch (operator) {
    case "=":
      return (a) => norm(a) === want || (want === null && a === undefined);
    case "!=":
      return (a) => norm(a) !== want;
    case "IN":
      return (a) => (want as unknown[]).includes(norm(a));
    case "NIN":
      return (a) => !(want as unknown[]).includes(norm(a));
    case "~":
      return (a) => text(a).includes(text(want));
    case "!~":
      return (a) => !text(a).includes(text(want));
    case "^":
      return (a) => text(a).startsWith(text(want));
    case "$":
      return (a) => text(a).endsWith(text(want));
    default:
      return (a) => compareNumbers(operator, a, want);
  }
}

function compareNumbers(operator: string, actual: unknown, expected: unknown): boolean {
  if (typeof actual !== "number" || typeof expected !== "number") return false;
  if (operator === "<") return actual < expected;
  if (operator === ">") return actual > expected;
  if (operator === "<=") return actual <= expected;
  return actual >= expected;
}

const DUMMY: ContactRecord = {
  id: "",
  seq: 0,
  role: "user",
  email: null,
  externalId: null,
  phone: null,
  name: null,
  avatar: null,
  ownerId: null,
  signedUpAt: null,
  lastSeenAt: null,
  unsubscribedFromEmails: false,
  languageOverride: null,
  customAttributes: {},
  createdAt: 0,
  updatedAt: 0,
  archived: false,
  searchableFromMs: 0,
  tags: new Map(),
  companyIds: new Set(),
};
