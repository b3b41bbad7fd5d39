import type { EndpointDefinition } from "@/lib/connectors/types";

export type EndpointInput = Omit<EndpointDefinition, "object" | "pathParams">;

/** Path parameters in template order, e.g. "/contacts/{contact_id}/tags/{tag_id}" → contact_id, tag_id. */
export function pathParamsOf(template: string): string[] {
  return [...template.matchAll(/\{([^{}]+)\}/g)].map((match) => match[1] as string);
}

/** Groups endpoints under one picker heading and derives pathParams from the template, so they never disagree. */
export function defineEndpoints(object: string, endpoints: readonly EndpointInput[]): EndpointDefinition[] {
  return endpoints.map((endpoint) => Object.freeze({ ...endpoint, object, pathParams: pathParamsOf(endpoint.path) }));
}

// Realistic ids in Intercom's shapes (24-hex contact ids, numeric admin ids as strings).
export const EXAMPLE_IDS = {
  contact: "6762f0ad1bb69f9f2193bb62",
  company: "6762f0d51bb69f9f2193bb7a",
  tag: "81",
  admin: "991267583",
  conversation: "123456789",
  ticket: "987",
  ticketType: "88",
  dataAttribute: "12",
  exportJob: "orzzsbd7hk67xyu",
  bulkJob: "job_v2_1",
} as const;
