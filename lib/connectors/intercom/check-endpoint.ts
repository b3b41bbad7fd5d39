import type { EndpointDefinition } from "@/lib/connectors/types";
import { matchEndpoint, methodsForPath } from "./definition";
import { toUrlPath } from "./match-path";

export type EndpointCheck =
  | { ok: true; endpoint: EndpointDefinition; pathParams: Record<string, string> }
  | {
      ok: false;
      code: "method_not_allowed" | "not_in_version" | "unknown_path";
      message: string;
      suggestedMethods: string[];
    };

/** The wizard's warning for a method + URL that is not an Intercom endpoint in the chosen version. */
export function checkEndpoint(method: string, pathOrUrl: string, version: string): EndpointCheck {
  const upper = method.toUpperCase();
  const path = toUrlPath(pathOrUrl);
  const inVersion = matchEndpoint(upper, pathOrUrl, version);
  if (inVersion) return { ok: true, ...inVersion };

  const anyVersion = matchEndpoint(upper, pathOrUrl);
  if (anyVersion) {
    const versions = anyVersion.endpoint.versions.join(", ");
    return {
      ok: false,
      code: "not_in_version",
      message: `${upper} ${anyVersion.endpoint.path} is not in Intercom API ${version}; it exists in ${versions}.`,
      suggestedMethods: [],
    };
  }
  const methods = methodsForPath(pathOrUrl);
  if (methods.length > 0) {
    return {
      ok: false,
      code: "method_not_allowed",
      message: `Intercom does not accept ${upper} on ${path}; it takes ${methods.join(" or ")} there.`,
      suggestedMethods: methods,
    };
  }
  return {
    ok: false,
    code: "unknown_path",
    message: `${upper} ${path} is not an Intercom endpoint Flowgate knows; Intercom will probably answer 404.`,
    suggestedMethods: [],
  };
}
