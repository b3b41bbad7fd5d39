import { z } from "zod";

// The workspace's data attributes as Flowgate's API shows them, and the "Create in Intercom" input,
// checked with Intercom's naming rules before anything is sent.

export const DATA_ATTRIBUTE_MODELS = ["contact", "company"] as const;
export const DATA_ATTRIBUTE_TYPES = ["string", "integer", "float", "boolean", "date"] as const;
export const MAX_DATA_ATTRIBUTE_NAME = 190;

// Intercom: "Your name for this attribute must only contain alphanumeric characters, currency
// symbols, and hyphens"; its own examples ("Mithril Shirt", "The One Ring") show spaces pass too.
const NAME_PATTERN = /^[\p{L}\p{N}\p{Sc}_ -]+$/u;

export const dataAttributeViewSchema = z.object({
  name: z.string(),
  model: z.enum(DATA_ATTRIBUTE_MODELS),
  dataType: z.string(),
  custom: z.boolean(),
  apiWritable: z.boolean(),
});
export type DataAttributeView = z.infer<typeof dataAttributeViewSchema>;

export const dataAttributeListSchema = z.object({
  attributes: z.array(dataAttributeViewSchema),
  /** When Flowgate read them from Intercom (they are kept for a few minutes per credential). */
  fetchedAt: z.string(),
});
export type DataAttributeList = z.infer<typeof dataAttributeListSchema>;

export const dataAttributeListQuerySchema = z.object({
  /** "1" reads them from Intercom again instead of the few-minutes cache. */
  refresh: z
    .enum(["0", "1", "true", "false"])
    .optional()
    .transform((value) => value === "1" || value === "true"),
});

export const createDataAttributeSchema = z.object({
  name: z
    .string({ error: "Name the attribute" })
    .trim()
    .min(1, { error: "Name the attribute" })
    .max(MAX_DATA_ATTRIBUTE_NAME, { error: `A name can be at most ${MAX_DATA_ATTRIBUTE_NAME} characters` })
    .regex(NAME_PATTERN, {
      error: "Intercom takes only letters, digits, currency symbols, hyphens, underscores and spaces in a name",
    }),
  model: z.enum(DATA_ATTRIBUTE_MODELS, { error: "Choose contact or company" }),
  dataType: z.enum(DATA_ATTRIBUTE_TYPES, { error: `Choose a type: ${DATA_ATTRIBUTE_TYPES.join(", ")}` }),
  description: z.string().trim().max(500).optional(),
});
export type CreateDataAttributeInput = z.input<typeof createDataAttributeSchema>;
