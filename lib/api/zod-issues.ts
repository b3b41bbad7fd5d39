import type { z } from "zod";
import type { ApiIssue } from "./json";

/** `["config", "batching", "size"]` → `"config.batching.size"`; the root is `""`. */
export function dottedPath(path: readonly PropertyKey[]): string {
  return path.map((segment) => (typeof segment === "symbol" ? segment.description ?? "" : String(segment))).join(".");
}

export function toApiIssues(error: z.ZodError, prefix: readonly PropertyKey[] = []): ApiIssue[] {
  return error.issues.map((issue) => ({ path: dottedPath([...prefix, ...issue.path]), message: issue.message }));
}

/** One line naming the first offending field, for clients that show only `message`. */
export function summariseIssues(issues: ApiIssue[], where: string): string {
  const first = issues[0];
  if (!first) return `Invalid ${where}.`;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
  return first.path ? `Invalid ${where}: ${first.path}: ${first.message}${more}` : `Invalid ${where}: ${first.message}${more}`;
}
