// Dotted attribute paths (`email`, `address.city`, `body.id`) into a record. A record whose own key is
// the whole path (a CSV header "address.city") is read by that key first, so flat exports with dots
// in their headers keep working.

export const MAX_PATH_LENGTH = 500;
const MAX_SEGMENTS = 10;
const FORBIDDEN_SEGMENTS = new Set(["__proto__", "prototype", "constructor"]);

/** Why the path can't be used, or undefined when it can. */
export function checkAttributePath(path: string): string | undefined {
  if (path.trim() === "") return "Enter an attribute";
  if (path.length > MAX_PATH_LENGTH) return `An attribute path can be at most ${MAX_PATH_LENGTH} characters`;
  if (path !== path.trim()) return "An attribute path must not start or end with a space";
  const segments = path.split(".");
  if (segments.some((segment) => segment === "")) return `"${path}" has an empty part (two dots, or a dot at an end)`;
  if (segments.length > MAX_SEGMENTS) return `"${path}" is nested more than ${MAX_SEGMENTS} levels deep`;
  return undefined;
}

/** Why the body path can't be written, or undefined when it can (targets also refuse prototype names). */
export function checkTargetPath(path: string): string | undefined {
  const problem = checkAttributePath(path);
  if (problem) return problem.replace("Enter an attribute", "Enter a target field").replace("attribute path", "target");
  const forbidden = path.split(".").find((segment) => FORBIDDEN_SEGMENTS.has(segment));
  if (forbidden) return `"${forbidden}" can't be a field name in a body`;
  if (/[{}]/.test(path)) return `A target is a field path like custom_attributes.plan, not a template`;
  return undefined;
}

/** The value at `path`, or undefined when the record has no such attribute (own properties only). */
export function readAttributePath(record: Record<string, unknown>, path: string): unknown {
  if (Object.hasOwn(record, path)) return record[path];
  if (!path.includes(".")) return undefined;
  let current: unknown = record;
  for (const segment of path.split(".")) {
    if (current === null || typeof current !== "object" || Array.isArray(current)) return undefined;
    if (!Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** Sets `value` at the dotted `path`, creating objects on the way; false when a non-object is in the way. */
export function writeBodyPath(body: Record<string, unknown>, segments: readonly string[], value: unknown): boolean {
  let current = body;
  for (let i = 0; i < segments.length - 1; i++) {
    const segment = segments[i]!;
    const next = current[segment];
    if (next === undefined) {
      const created: Record<string, unknown> = {};
      current[segment] = created;
      current = created;
    } else if (next !== null && typeof next === "object" && !Array.isArray(next)) {
      current = next as Record<string, unknown>;
    } else {
      return false;
    }
  }
  current[segments[segments.length - 1]!] = value;
  return true;
}
