import { z } from "zod";
import { DomainError } from "@/lib/errors";
import { callIntercom, type IntercomContext } from "./context";

// GET /data_attributes and POST /data_attributes: the workspace's contact and company attributes.
// Loose: Intercom adds fields; only what the mapping needs is read.

const dataAttributeSchema = z.looseObject({
  name: z.string(),
  model: z.string().nullish(),
  data_type: z.string().nullish(),
  custom: z.boolean().nullish(),
  archived: z.boolean().nullish(),
  api_writable: z.boolean().nullish(),
});
const listSchema = z.looseObject({ data: z.array(dataAttributeSchema) });

export interface IntercomDataAttribute {
  name: string;
  model: "contact" | "company";
  dataType: string;
  custom: boolean;
  apiWritable: boolean;
}

export interface NewDataAttribute {
  name: string;
  model: "contact" | "company";
  dataType: string;
  description?: string;
}

/** The workspace's data attributes of both models, archived ones left out. */
export async function listDataAttributes(ctx: IntercomContext): Promise<IntercomDataAttribute[]> {
  const result = await callIntercom(ctx, { method: "GET", path: "/data_attributes" });
  const parsed = listSchema.safeParse(result.body);
  if (!parsed.success) throw unexpected("GET /data_attributes");
  return parsed.data.data.flatMap((attribute) => {
    const view = toView(attribute);
    return view && !attribute.archived ? [view] : [];
  });
}

export async function createDataAttribute(
  ctx: IntercomContext,
  input: NewDataAttribute,
): Promise<IntercomDataAttribute> {
  const body = { name: input.name, model: input.model, data_type: input.dataType, description: input.description };
  // One attempt: a create that timed out may have happened, and the list refresh will show it.
  const result = await callIntercom({ ...ctx, maxAttempts: 1 }, { method: "POST", path: "/data_attributes", body });
  const parsed = dataAttributeSchema.safeParse(result.body);
  const view = parsed.success ? toView(parsed.data) : undefined;
  if (!view) throw unexpected("POST /data_attributes");
  return view;
}

function toView(attribute: z.output<typeof dataAttributeSchema>): IntercomDataAttribute | undefined {
  if (attribute.model !== "contact" && attribute.model !== "company") return undefined;
  return {
    name: attribute.name,
    model: attribute.model,
    dataType: attribute.data_type ?? "string",
    custom: attribute.custom ?? false,
    apiWritable: attribute.api_writable ?? true,
  };
}

function unexpected(call: string): DomainError {
  return new DomainError("intercom_unexpected_answer", `${call} answered 200 but not with data attributes`, {
    status: 502,
  });
}
