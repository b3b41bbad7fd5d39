import { bodyFieldsFor } from "@/lib/connectors/intercom/body-fields";
import { findEndpoint, findEndpointById } from "@/lib/connectors/intercom/definition";
import type { BodyFieldDefinition, EndpointDefinition } from "@/lib/connectors/types";
import { parseUrlTemplate, templatePath } from "../url-template";

export interface MappingTargets {
  endpoint: EndpointDefinition | undefined;
  /** The endpoint's body fields in the version; empty for a custom URL (a free mapping of body paths). */
  fields: BodyFieldDefinition[];
}

/** The Intercom endpoint the settings point at (the picked one, else the one the URL matches) and its fields. */
export function mappingTargets(settings: {
  endpointId?: string | undefined;
  method: string;
  urlTemplate: string;
  intercomVersion: string;
}): MappingTargets {
  const picked = settings.endpointId ? findEndpointById(settings.endpointId) : undefined;
  const parsed = parseUrlTemplate(settings.urlTemplate);
  const matched = parsed.ok
    ? findEndpoint(settings.method, templatePath(parsed.template), settings.intercomVersion)
    : undefined;
  // The URL as typed wins over a pick the user then edited away from.
  const endpoint = matched ?? (picked?.method === settings.method ? picked : undefined);
  return { endpoint, fields: bodyFieldsFor(endpoint?.bodyFields, settings.intercomVersion) };
}
