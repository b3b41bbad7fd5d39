import { z } from "zod";
import type { ConnectorDefinition } from "@/lib/connectors/types";
import { batchingStepSchema } from "./steps/batching-step";
import { credentialStepSchema } from "./steps/credential-step";
import { endpointStepSchema } from "./steps/endpoint-step";
import { excludeStepSchema } from "./steps/exclude-step";
import { createFormatStepSchema } from "./steps/format-step";
import { createHeadersStepSchema } from "./steps/headers-step";
import { mappingStepSchema } from "./steps/mapping-step";
import { methodStepSchema } from "./steps/method-step";
import { responseWebhookStepSchema } from "./steps/response-webhook-step";

/** What the schemas need from a connector: its format and version lists are data. */
export type DestinationSchemaSource = Pick<ConnectorDefinition, "apiVersions" | "defaultApiVersion"> & {
  contentFormats: readonly { id: string; name: string }[];
};

/** One schema per wizard step, composed into the config and the full input (HOUSE-STYLE 5). */
export function createDestinationSchemas(connector: DestinationSchemaSource) {
  const steps = {
    credential: credentialStepSchema,
    method: methodStepSchema,
    format: createFormatStepSchema(connector.contentFormats),
    endpoint: endpointStepSchema,
    mapping: mappingStepSchema,
    headers: createHeadersStepSchema(connector.apiVersions, connector.defaultApiVersion),
    exclude: excludeStepSchema,
    batching: batchingStepSchema,
    responseWebhook: responseWebhookStepSchema,
  };
  // The step schemas keep their refinements on fields (not on the objects), so their shapes compose.
  const destinationConfigSchema = z.object({
    ...steps.method.shape,
    ...steps.format.shape,
    ...steps.endpoint.shape,
    ...steps.mapping.shape,
    ...steps.headers.shape,
    ...steps.exclude.shape,
    ...steps.batching.shape,
    ...steps.responseWebhook.shape,
  });
  const destinationInputSchema = z.object({
    name: z
      .string({ error: "Name the destination" })
      .trim()
      .min(1, { error: "Name the destination" })
      .max(120, { error: "The name can be at most 120 characters" }),
    nexsetId: z.string({ error: "Choose the Nexset to send" }).trim().min(1, { error: "Choose the Nexset to send" }),
    ...steps.credential.shape,
    config: destinationConfigSchema,
  });
  return { steps, destinationConfigSchema, destinationInputSchema };
}
