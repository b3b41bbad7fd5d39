import type { ContentFormatDefinition } from "@/lib/connectors/types";

// A list so other connectors (or form-encoded endpoints later) can add formats as data.
export const jsonFormat: ContentFormatDefinition = {
  id: "json",
  name: "JSON",
  mediaType: "application/json",
  serialize: (body) => JSON.stringify(body),
};

export const intercomContentFormats: readonly ContentFormatDefinition[] = [jsonFormat];
