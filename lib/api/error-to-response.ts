import { z } from "zod";
import { isDomainError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";
import { errorResponse, type ApiIssue } from "./json";
import { summariseIssues, toApiIssues } from "./zod-issues";

function isIssueList(value: unknown): value is ApiIssue[] {
  return (
    Array.isArray(value) &&
    value.every(
      (v) => typeof v === "object" && v !== null && typeof v.path === "string" && typeof v.message === "string",
    )
  );
}

// 22021: invalid byte sequence (a NUL in text); 22P05: \u0000 in jsonb.
const NUL_REFUSALS = new Set(["22021", "22P05"]);

function postgresCode(error: Prisma.PrismaClientKnownRequestError): string | undefined {
  const cause = (error.meta as { driverAdapterError?: { cause?: { originalCode?: unknown } } } | undefined)
    ?.driverAdapterError?.cause;
  return typeof cause?.originalCode === "string" ? cause.originalCode : undefined;
}

/** The one place a thrown error becomes an HTTP answer. Unknown errors never show their stack. */
export function errorToResponse(
  error: unknown,
  context: { requestId: string; method: string; path: string },
): Response {
  if (isDomainError(error)) {
    const issues = isIssueList(error.details)
      ? error.details
      : error.field
        ? [{ path: error.field, message: error.message }]
        : undefined;
    const headers = error.retryAfterSeconds ? { "retry-after": String(error.retryAfterSeconds) } : undefined;
    return errorResponse(
      error.status,
      {
        code: error.code,
        message: error.message,
        ...(error.field ? { field: error.field } : {}),
        ...(issues ? { issues } : {}),
      },
      { headers },
    );
  }
  // lib/ functions parse their own input at the boundary; a ZodError escaping them is bad input.
  if (error instanceof z.ZodError) {
    const issues = toApiIssues(error);
    return errorResponse(400, { code: "invalid_input", message: summariseIssues(issues, "input"), issues });
  }
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (error.code === "P2025") return errorResponse(404, { code: "not_found", message: "Not found." });
    // Input PostgreSQL cannot store (U+0000 in text or jsonb): bad input, not our fault. Found by the
    // security fuzz test; withApi refuses NUL in parsed input earlier, this catches raw bodies.
    if (NUL_REFUSALS.has(postgresCode(error) ?? "")) {
      return errorResponse(400, {
        code: "invalid_input",
        message: "Text must not contain the NUL character (\\u0000).",
      });
    }
    if (error.code === "P2002")
      return errorResponse(409, { code: "conflict", message: "Something with these values already exists." });
  }
  log.error(
    { err: error, requestId: context.requestId, method: context.method, path: context.path },
    "unhandled error in route handler",
  );
  return errorResponse(500, {
    code: "internal",
    message: `Something went wrong on our side. Quote this reference if you report it: ${context.requestId}.`,
    requestId: context.requestId,
  });
}
