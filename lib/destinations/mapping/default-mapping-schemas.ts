import { z } from "zod";
import { HTTP_METHODS } from "@/lib/connectors/types";
import { mappingRowSchema } from "../steps/mapping-step";

// The route that proposes a mapping: what a Nexset, an endpoint and a credential's workspace give.

export const defaultMappingRequestSchema = z.object({
  nexsetId: z.string().trim().min(1).max(64),
  /** Without one, custom attributes can't be known: only endpoint fields are matched. */
  credentialId: z.string().trim().min(1).max(64).optional(),
  method: z.enum(HTTP_METHODS).default("POST"),
  urlTemplate: z.string().trim().min(1).max(2048),
  endpointId: z.string().max(200).optional(),
  intercomVersion: z.string().max(20).default("2.16"),
});
export type DefaultMappingRequest = z.input<typeof defaultMappingRequestSchema>;

export const defaultMappingResponseSchema = z.object({
  endpoint: z.object({ id: z.string(), name: z.string() }).nullable(),
  fields: z.array(z.object({ name: z.string(), type: z.string(), customAttributesOf: z.string().optional() })),
  rows: z.array(mappingRowSchema),
  notSent: z.array(z.object({ attribute: z.string(), reason: z.string() })),
  warnings: z.array(z.object({ row: z.number().int(), kind: z.string(), message: z.string() })),
});
export type DefaultMappingResponse = z.infer<typeof defaultMappingResponseSchema>;
