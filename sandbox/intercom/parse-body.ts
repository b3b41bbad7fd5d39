import type { z } from "zod";
import { type ErrorItem, IntercomError } from "../http/errors";

// Turns zod's findings into Intercom's error vocabulary: a missing field is `parameter_not_found`,
// a present but wrong one is `parameter_invalid`, both 400 with the field named.

export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const input = body === undefined ? {} : body;
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const items = result.error.issues.slice(0, 5).map((issue) => describeIssue(issue, input));
  throw IntercomError.fromItems(400, items);
}

function describeIssue(issue: z.core.$ZodIssue, input: unknown): ErrorItem {
  const field = issue.path.map(String).join(".");
  if (field === "") {
    return {
      code: "parameter_invalid",
      message: issue.code === "invalid_type" ? "Request body must be a JSON object" : issue.message,
    };
  }
  if (issue.code === "invalid_type") {
    if (valueAt(input, issue.path) === undefined)
      return { code: "parameter_not_found", message: `${field} is a required parameter`, field };
    return { code: "parameter_invalid", message: `${field} must be ${article(issue.expected)}`, field };
  }
  if (issue.code === "invalid_value") {
    return {
      code: "parameter_invalid",
      message: `${field} must be one of: ${issue.values.map(String).join(", ")}`,
      field,
    };
  }
  if (issue.code === "too_big")
    return { code: "parameter_invalid", message: `${field} is too big (maximum ${String(issue.maximum)})`, field };
  if (issue.code === "custom" || issue.code === "too_small")
    return { code: "parameter_invalid", message: issue.message, field };
  return { code: "parameter_invalid", message: `${field} is invalid`, field };
}

function article(expected: string): string {
  const noun = expected === "int" ? "integer" : expected;
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
