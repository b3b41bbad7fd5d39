import { dataAttributeBodyFields } from "../body-fields";
import { createDataAttributeBody } from "../schemas/misc-bodies";
import { ALL_VERSIONS } from "../versions";
import { defineEndpoints } from "./define-endpoints";

export const dataAttributeEndpoints = defineEndpoints("Data attributes", [
  {
    id: "data_attributes.list",
    name: "List data attributes",
    description: "Lists the contact and company attributes (standard and custom) of the workspace.",
    method: "GET",
    path: "/data_attributes",
    versions: ALL_VERSIONS,
    access: "read",
    queryParams: ["model", "include_archived"],
  },
  {
    id: "data_attributes.create",
    name: "Create a data attribute",
    description: "Defines a custom attribute for contacts or companies.",
    method: "POST",
    path: "/data_attributes",
    versions: ALL_VERSIONS,
    access: "write",
    bodySchema: createDataAttributeBody,
    bodyFields: dataAttributeBodyFields,
    requiredBodyFields: ["name", "model", "data_type"],
    exampleBody: { name: "plan_tier", model: "contact", data_type: "string" },
  },
]);
