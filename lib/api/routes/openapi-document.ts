import { z } from "zod";
import { defineApiRoute } from "../route-spec";

export const openApiDocumentRoute = defineApiRoute({
  method: "GET",
  path: "/api/v1/openapi.json",
  summary: "This OpenAPI 3.1 document",
  tags: ["Operations"],
  auth: "public",
  response: z.record(z.string(), z.unknown()),
});
