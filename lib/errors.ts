import type { z } from "zod";

// One error type for the domain: routes turn it into `{ error: { code, message, field } }` with
// `status`, workers into an error record. Its message is written for the person using Flowgate
// and never contains a secret.
export class DomainError extends Error {
  override name = "DomainError";
  readonly code: string;
  readonly status: number;
  readonly field?: string;
  readonly details?: unknown;
  /** For a 429: when to try again (sent as Retry-After). */
  readonly retryAfterSeconds?: number;

  constructor(
    code: string,
    message: string,
    opts: { status?: number; field?: string; details?: unknown; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.code = code;
    this.status = opts.status ?? 400;
    this.field = opts.field;
    this.details = opts.details;
    this.retryAfterSeconds = opts.retryAfterSeconds;
  }

  toJSON(): { code: string; message: string; field?: string; details?: unknown } {
    return { code: this.code, message: this.message, field: this.field, details: this.details };
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/** `what` reads as a noun phrase: notFound("Credential") → "Credential not found". */
export function notFound(what: string): DomainError {
  return new DomainError("not_found", `${what} not found`, { status: 404 });
}

export function badInput(field: string, message: string): DomainError {
  return new DomainError("bad_input", message, { status: 400, field });
}

/** A 429 saying what to wait for: "Too many sign-up attempts from this address. Try again in 2 minutes." */
export function tooManyRequests(what: string, retryAfterSeconds: number): DomainError {
  const wait =
    retryAfterSeconds < 120
      ? `${retryAfterSeconds} second${retryAfterSeconds === 1 ? "" : "s"}`
      : `${Math.ceil(retryAfterSeconds / 60)} minutes`;
  return new DomainError("too_many_requests", `${what}. Try again in ${wait}.`, { status: 429, retryAfterSeconds });
}

export function conflict(message: string, details?: unknown): DomainError {
  return new DomainError("conflict", message, { status: 409, details });
}

/** Parses with a zod schema; a failure becomes a bad_input DomainError naming the first bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({
    path: issue.path.map(String).join("."),
    message: issue.message,
  }));
  const first = issues[0];
  const field = first?.path || undefined;
  const message = first ? (field ? `${field}: ${first.message}` : first.message) : "Invalid input";
  return throwError(new DomainError("bad_input", message, { status: 400, field, details: issues }));
}

function throwError(error: Error): never {
  throw error;
}
