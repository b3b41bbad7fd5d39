import type { ApiIssue } from "./json";
import { dottedPath } from "./zod-issues";

// PostgreSQL text and jsonb cannot hold U+0000: a NUL anywhere in an id, a query value or a JSON
// string reaches the database as error 22021 and used to surface as a 500. Refused at the boundary
// instead, with the path of the offending value (found by test/security/fuzz.integration.test.ts).

const MESSAGE = "Must not contain the NUL character (\\u0000)";
const MAX_ISSUES = 5;

interface Node {
  value: unknown;
  key?: PropertyKey;
  parent?: Node;
}

function pathOf(node: Node, key?: PropertyKey): string {
  const path: PropertyKey[] = key === undefined ? [] : [key];
  for (let current: Node | undefined = node; current?.key !== undefined; current = current.parent)
    path.unshift(current.key);
  return dottedPath(path);
}

/** Paths of strings (values or object keys) that hold U+0000, at most a few. Iterative: bodies can nest deeply. */
export function findNulCharacters(root: unknown): ApiIssue[] {
  const found: ApiIssue[] = [];
  const stack: Node[] = [{ value: root }];
  while (stack.length > 0 && found.length < MAX_ISSUES) {
    const node = stack.pop()!;
    const { value } = node;
    if (typeof value === "string") {
      if (value.includes("\u0000")) found.push({ path: pathOf(node), message: MESSAGE });
    } else if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index--)
        stack.push({ value: value[index], key: index, parent: node });
    } else if (typeof value === "object" && value !== null) {
      for (const [key, item] of Object.entries(value).reverse()) {
        if (key.includes("\u0000")) found.push({ path: pathOf(node, key), message: MESSAGE });
        stack.push({ value: item, key, parent: node });
      }
    }
  }
  return found;
}
