import { parameterInvalid } from "../http/errors";
import type { AttributeModel } from "../state/data-attributes";
import type { SandboxApp } from "../state/sandbox-app";

// Intercom refuses a custom attribute that was not created first (POST /data_attributes or the UI),
// and a value of the wrong type for one that was.

const MAX_STRING_LENGTH = 255;

export function checkCustomAttributes(
  app: SandboxApp,
  model: AttributeModel,
  attributes: Record<string, unknown>,
): void {
  for (const [name, value] of Object.entries(attributes)) {
    const attribute = app.data.dataAttributes.findCustom(model, name);
    const label = model === "contact" ? "Custom attribute" : "Company custom attribute";
    if (!attribute) throw parameterInvalid(`${label} '${name}' does not exist`);
    if (value === null) continue;
    if (!valueFits(attribute.dataType, value)) {
      throw parameterInvalid(`${label} '${name}' expects a value of type ${attribute.dataType}`);
    }
  }
}

function valueFits(dataType: string, value: unknown): boolean {
  switch (dataType) {
    case "integer":
      return Number.isInteger(value);
    case "float":
      return typeof value === "number" && Number.isFinite(value);
    case "boolean":
      return typeof value === "boolean";
    case "date":
    case "datetime":
      return Number.isInteger(value) || (typeof value === "string" && !Number.isNaN(Date.parse(value)));
    default:
      return typeof value === "string" && value.length <= MAX_STRING_LENGTH;
  }
}
