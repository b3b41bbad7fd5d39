import type { OpenAPIV3 } from "openapi-types";
import type { LoadedDescription } from "./load-description";

export interface FoundOperation {
  operationId: string;
  method: string;
  /** The description's path template, e.g. "/contacts/{contact_id}". */
  pathTemplate: string;
  operation: OpenAPIV3.OperationObject;
}

const isParam = (segment: string) => segment.startsWith("{") && segment.endsWith("}");

/**
 * The operation for a method and a path, concrete ("/contacts/6762…") or a template
 * ("/contacts/{id}", parameter names need not match). Literal segments win over parameters.
 */
export function findOperation(
  description: LoadedDescription,
  method: string,
  path: string,
): FoundOperation | undefined {
  const wanted = path.split("?")[0]!.replace(/\/+$/, "").split("/");
  const verb = method.toLowerCase() as OpenAPIV3.HttpMethods;
  let best: { found: FoundOperation; literals: number } | undefined;
  const paths = (description.document.paths ?? {}) as OpenAPIV3.PathsObject;
  for (const [template, item] of Object.entries(paths)) {
    const operation = item?.[verb];
    if (!operation?.operationId) continue;
    const segments = template.split("/");
    if (segments.length !== wanted.length) continue;
    let literals = 0;
    const fits = segments.every((segment, i) => {
      const part = wanted[i]!;
      if (isParam(segment)) return part !== "";
      literals++;
      return segment === part;
    });
    if (fits && (!best || literals > best.literals)) {
      best = {
        found: { operationId: operation.operationId, method: verb, pathTemplate: template, operation },
        literals,
      };
    }
  }
  return best?.found;
}
