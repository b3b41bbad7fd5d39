import { z } from "zod";
import { IntercomError, parameterInvalid } from "../http/errors";
import { parseBody } from "../intercom/parse-body";
import { type IntercomRequest, type IntercomRoute, ok } from "../intercom/route-types";
import { unixSeconds } from "../state/ids";
import type { DataAttributeRecord } from "../state/records";
import type { SandboxApp } from "../state/sandbox-app";

const DATA_TYPES = ["string", "integer", "float", "boolean", "datetime", "date", "options"];
const MODEL_NOUN = { contact: "people", company: "company" } as const;
// Intercom's rule is "alphanumeric characters, currency symbols, and hyphens", and its own examples
// ("Mithril Shirt", "The One Ring") pass with spaces; "!nv@l!d n@me" is its refused example.
const NAME_PATTERN = /^[\p{L}\p{N}\p{Sc}_ -]+$/u;

function presentAttribute(app: SandboxApp, a: DataAttributeRecord): Record<string, unknown> {
  // The response schema's data_type enum has no "datetime"/"options": they read back as date/string.
  const dataType = a.dataType === "datetime" ? "date" : a.dataType === "options" ? "string" : a.dataType;
  const view: Record<string, unknown> = {
    type: "data_attribute",
    name: a.name,
    full_name: a.custom ? `custom_attributes.${a.name}` : a.name,
    label: a.name,
    description: a.description,
    data_type: dataType,
    api_writable: true,
    ui_writable: a.custom,
    messenger_writable: false,
    custom: a.custom,
    archived: false,
    model: a.model,
  };
  if (a.custom)
    Object.assign(view, { id: a.id, admin_id: app.admin.id, created_at: a.createdAt, updated_at: a.createdAt });
  if (a.options.length > 0) view.options = a.options;
  return view;
}

function listDataAttributes({ app, query }: IntercomRequest) {
  const model = query.get("model");
  if (model === "conversation") {
    throw new IntercomError(
      422,
      "parameter_invalid",
      "model=conversation is no longer supported. Use GET /conversations/attributes instead",
    );
  }
  if (model !== null && model !== "contact" && model !== "company")
    throw parameterInvalid("The Data Attribute model field must be either contact or company");
  return ok({
    type: "list",
    data: app.data.dataAttributes.list(model ?? undefined).map((a) => presentAttribute(app, a)),
  });
}

const createSchema = z.object({
  name: z.string().min(1, { message: "name must not be empty" }),
  model: z.string(),
  data_type: z.string(),
  description: z.string().optional(),
  options: z.array(z.object({ value: z.string() })).optional(),
  messenger_writable: z.boolean().optional(),
});

function createDataAttribute({ app, body, nowMs }: IntercomRequest) {
  const input = parseBody(createSchema, body);
  if (input.model !== "contact" && input.model !== "company")
    throw parameterInvalid("The Data Attribute model field must be either contact or company");
  if (!DATA_TYPES.includes(input.data_type)) throw parameterInvalid("Data Type isn't an option");
  if (!NAME_PATTERN.test(input.name))
    throw parameterInvalid(
      "Your name for this attribute must only contain alphanumeric characters, currency symbols, and hyphens",
    );
  if (input.data_type === "options" && (input.options ?? []).length < 2)
    throw parameterInvalid("options must list at least two options");
  for (const model of ["contact", "company"] as const) {
    if (app.data.dataAttributes.isTaken(model, input.name)) {
      throw parameterInvalid(
        `You already have '${input.name}' in your ${MODEL_NOUN[model]} data. To save this as new ${MODEL_NOUN[input.model]} data, use a different name.`,
      );
    }
  }
  const attribute = app.data.dataAttributes.create({
    name: input.name,
    model: input.model,
    dataType: input.data_type,
    description: input.description ?? "",
    options: (input.options ?? []).map((o) => o.value),
    createdAt: unixSeconds(nowMs),
  });
  return ok(presentAttribute(app, attribute));
}

export const dataAttributeRoutes: IntercomRoute[] = [
  { method: "GET", path: "/data_attributes", handler: listDataAttributes },
  { method: "POST", path: "/data_attributes", handler: createDataAttribute },
];
