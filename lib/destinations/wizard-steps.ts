import { z } from "zod";
import type { createDestinationSchemas } from "./create-destination-schemas";

type Schemas = ReturnType<typeof createDestinationSchemas>;

export interface WizardStep {
  id: string;
  title: string;
  description: string;
  /** react-hook-form paths in the destination input, for `trigger(fields)` before moving on. */
  fields: readonly string[];
  /** Validates this step's slice of the form values (other keys are ignored). */
  schema: z.ZodType;
}

/** The wizard as data (HOUSE-STYLE 5): the UI renders these in order, one component per id. */
export function createWizardSteps({ steps, destinationInputSchema }: Schemas): readonly WizardStep[] {
  const inConfig = (schema: z.ZodType) => z.object({ config: schema });
  return [
    {
      id: "credential",
      title: "Credential",
      description: "The Intercom connection to send with.",
      fields: ["credentialId"],
      schema: steps.credential,
    },
    {
      id: "method",
      title: "Method",
      description: "The HTTP method of each request.",
      fields: ["config.method"],
      schema: inConfig(steps.method),
    },
    {
      id: "format",
      title: "Content format",
      description: "How the body is encoded.",
      fields: ["config.format"],
      schema: inConfig(steps.format),
    },
    {
      id: "endpoint",
      title: "Endpoint URL",
      description: "Pick an Intercom endpoint or type a URL; {attribute} placeholders are filled per record.",
      fields: ["config.endpointId", "config.urlTemplate", "config.syncIdentifier", "config.syncContactAttribute"],
      schema: inConfig(steps.endpoint),
    },
    {
      id: "mapping",
      title: "Map fields",
      description:
        "Each Intercom field from an attribute, a constant or a template, converted to the type Intercom takes. Custom attributes must exist in the workspace.",
      fields: ["config.mapping"],
      schema: inConfig(steps.mapping),
    },
    {
      id: "headers",
      title: "Request headers",
      description: "Extra headers as name:value,name:value, and the Intercom API version.",
      fields: ["config.headersText", "config.intercomVersion"],
      schema: inConfig(steps.headers),
    },
    {
      id: "exclude",
      title: "Exclude attributes",
      description: "Attributes left out of the body (they can still fill URL placeholders).",
      fields: ["config.excludedAttributes"],
      schema: inConfig(steps.exclude),
    },
    {
      id: "batching",
      title: "Record batching",
      description: "Send many records per request, grouped by an algorithm.",
      fields: [
        "config.batching.enabled",
        "config.batching.size",
        "config.batching.algorithm",
        "config.batching.propertyName",
        "config.batching.otherPropsJson",
        "config.batching.code",
      ],
      schema: inConfig(steps.batching),
    },
    {
      id: "responseWebhook",
      title: "Response webhook",
      description: "Send every API response to a new webhook source.",
      fields: ["config.responseWebhook.enabled"],
      schema: inConfig(steps.responseWebhook),
    },
    {
      id: "review",
      title: "Review",
      description: "Name the destination and save it as a draft.",
      fields: ["name"],
      schema: destinationInputSchema,
    },
  ];
}
