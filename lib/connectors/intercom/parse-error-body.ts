import { z } from "zod";

export interface IntercomError {
  code: string;
  message: string;
  field?: string;
}

const errorListSchema = z.object({
  type: z.literal("error.list"),
  errors: z.array(z.object({ code: z.string(), message: z.string().nullish(), field: z.string().nullish() })),
});

/** Intercom's `{"type":"error.list","errors":[{code,message}]}`, or undefined for any other body. */
export function parseIntercomErrors(body: unknown): IntercomError[] | undefined {
  const parsed = errorListSchema.safeParse(body);
  if (!parsed.success) return undefined;
  return parsed.data.errors.map((error) => ({
    code: error.code,
    message: error.message ?? "",
    ...(error.field ? { field: error.field } : {}),
  }));
}

// Intercom's duplicate-contact 409 reads "A contact matching those details already exists with id=<id>".
const EXISTING_ID = /\bid\s*[=:]\s*["']?([A-Za-z0-9_-]{4,})/i;

/** The id of the record a 409 conflicts with, taken from the error messages. */
export function parseExistingId(errors: readonly IntercomError[] | undefined, rawBody = ""): string | undefined {
  for (const error of errors ?? []) {
    const match = EXISTING_ID.exec(error.message);
    if (match) return match[1];
  }
  return EXISTING_ID.exec(rawBody)?.[1];
}

/** "401 unauthorized: Access Token Invalid" — short enough for a status line. */
export function describeErrors(status: number, errors: readonly IntercomError[] | undefined): string {
  if (!errors || errors.length === 0) return `Intercom answered ${status}`;
  const parts = errors.map((error) => (error.message ? `${error.code}: ${error.message}` : error.code));
  return `${status} ${parts.join("; ")}`;
}
