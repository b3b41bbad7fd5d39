import type { z } from "zod";
import { intercomContentFormats } from "@/lib/connectors/intercom/content-formats";
import { DEFAULT_API_VERSION, INTERCOM_API_VERSIONS } from "@/lib/connectors/intercom/versions";
import { createDestinationSchemas } from "./create-destination-schemas";
import { STARTER_GROUPING_CODE } from "@/lib/code-sandbox/starter-code";
import { DEFAULT_BATCH_SIZE } from "./steps/batching-step";
import { createWizardSteps } from "./wizard-steps";

// The one destination schema (HOUSE-STYLE 3): the wizard's zodResolver and the API routes parse
// with these. Built from the Intercom connector's data (its formats and API versions).
const schemas = createDestinationSchemas({
  contentFormats: intercomContentFormats,
  apiVersions: INTERCOM_API_VERSIONS,
  defaultApiVersion: DEFAULT_API_VERSION,
});

export const destinationStepSchemas = schemas.steps;
export const destinationConfigSchema = schemas.destinationConfigSchema;
export const destinationInputSchema = schemas.destinationInputSchema;
export const WIZARD_STEPS = createWizardSteps(schemas);

export type DestinationConfig = z.output<typeof destinationConfigSchema>;
export type DestinationConfigInput = z.input<typeof destinationConfigSchema>;
export type DestinationInput = z.output<typeof destinationInputSchema>;
export type DestinationFormValues = z.input<typeof destinationInputSchema>;

/** A new destination's starting values; urlTemplate is empty until the user picks an endpoint. */
export const defaultDestinationConfig: DestinationConfig = {
  method: "POST",
  format: intercomContentFormats[0]?.id ?? "json",
  endpointId: undefined,
  urlTemplate: "",
  headersText: "",
  intercomVersion: DEFAULT_API_VERSION,
  excludedAttributes: [],
  batching: {
    enabled: false,
    size: DEFAULT_BATCH_SIZE,
    algorithm: "json_array",
    propertyName: "",
    otherPropsJson: "",
    code: STARTER_GROUPING_CODE,
  },
  responseWebhook: { enabled: false },
};

export { parseHeadersText, RESERVED_HEADERS, type HeaderPair, type ParsedHeaders } from "./headers-text";
export { BATCHING_ALGORITHMS, DEFAULT_BATCH_SIZE, MAX_BATCH_SIZE, type BatchingAlgorithm } from "./steps/batching-step";
export { createDestinationSchemas, type DestinationSchemaSource } from "./create-destination-schemas";
export type { WizardStep } from "./wizard-steps";
