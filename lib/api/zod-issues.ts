import type { z } from "zod";
import type { ApiIssue } from "./json";

/** `["config", "batching", "size"]` → `"config.batching.size"`; the root is `""`. */
export function dottedPath(path: readonly PropertyKey[]): string {
  return path.map((segment) => (typeof segment === "symbol" ? (segment.description ?? "") : String(segment))).join(".");
}

export function toApiIssues(error: z.ZodError, prefix: readonly PropertyKey[] = []): ApiIssue[] {
  return error.issues.flatMap((issue) => expandIssue(issue, prefix));
}

type Issue = z.core.$ZodIssue;

/**
 * A failed union says only "Invalid input" at the union's own path; the issues of the branch that
 * came closest (fewest issues, then the deepest path) name the field that is actually wrong, e.g.
 * `ids.0` for `{ ids: [12345] }` against `{ ids: string[] } | { all: true }`.
 */
function expandIssue(issue: Issue, prefix: readonly PropertyKey[]): ApiIssue[] {
  const path = [...prefix, ...issue.path];
  if (issue.code === "invalid_union" && issue.errors.length > 0) {
    const depth = (branch: Issue[]) => Math.max(...branch.map((i) => i.path.length));
    const best = [...issue.errors].sort((x, y) => x.length - y.length || depth(y) - depth(x))[0];
    if (best && best.length > 0) return best.flatMap((inner) => expandIssue(inner, path));
  }
  return [{ path: dottedPath(path), message: issue.message }];
}

/** One line naming the first offending field, for clients that show only `message`. */
export function summariseIssues(issues: ApiIssue[], where: string): string {
  const first = issues[0];
  if (!first) return `Invalid ${where}.`;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
  return first.path
    ? `Invalid ${where}: ${first.path}: ${first.message}${more}`
    : `Invalid ${where}: ${first.message}${more}`;
}
