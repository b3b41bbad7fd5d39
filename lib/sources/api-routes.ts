import { idParamsSchema } from "@/lib/api/id-params";
import { defineApiRouteGroup } from "@/lib/api/route-spec";
import { listRunsQuerySchema, sourceDetailSchema, updateSourceSchema } from "@/lib/sources/schemas";
import {
  createdSourceSchema,
  createSourceBodySchema,
  deletedSourceSchema,
  deleteSourceQuerySchema,
  listSourcesQuerySchema,
  requestedRunSchema,
  rotatedTokenSchema,
  signingSecretSchema,
  sourceListSchema,
  sourceRunListSchema,
  uploadNewSourceQuerySchema,
  uploadQuerySchema,
  uploadResultSchema,
} from "@/lib/flows/source-inputs";

const defineRoute = defineApiRouteGroup({ tags: ["Sources"], auth: "session-or-api-key" });
const params = idParamsSchema;
const uploadDescription =
  "Send the file itself as the request body (any content type; CSV with a header row, a JSON array, or NDJSON, optionally gzipped). " +
  "It is spooled to disk, then loaded in short transactions that stay invisible until the whole file is in: a bad row is refused with its line and reason, and nothing of the file is kept.";

export const listSourcesRoute = defineRoute({
  method: "GET",
  path: "/api/v1/sources",
  summary: "List sources (optionally of one flow)",
  query: listSourcesQuerySchema,
  response: sourceListSchema,
});

export const createSourceRoute = defineRoute({
  method: "POST",
  path: "/api/v1/sources",
  summary: "Create a file, webhook or Intercom source (with its Nexset)",
  description: "A webhook source's URL token (and signing secret, when `signed`) are in this answer only.",
  body: createSourceBodySchema,
  response: createdSourceSchema,
  status: 201,
  errors: [404],
});

export const uploadNewSourceRoute = defineRoute({
  method: "POST",
  path: "/api/v1/sources/upload",
  summary: "Create a file source from an uploaded file (streamed; all of it or nothing)",
  description: uploadDescription,
  query: uploadNewSourceQuerySchema,
  response: uploadResultSchema,
  status: 201,
  errors: [404, 413],
});

export const getSourceRoute = defineRoute({
  method: "GET",
  path: "/api/v1/sources/{id}",
  summary: "A source with its settings (never a secret) and recent runs",
  params,
  response: sourceDetailSchema,
  errors: [404],
});

export const updateSourceRoute = defineRoute({
  method: "PUT",
  path: "/api/v1/sources/{id}",
  summary:
    "Rename a source; change an Intercom source's schedule, operation, page size or export range, or a webhook's body size limit",
  params,
  body: updateSourceSchema,
  response: sourceDetailSchema,
  errors: [404],
});

export const deleteSourceRoute = defineRoute({
  method: "DELETE",
  path: "/api/v1/sources/{id}",
  summary: "Delete a source with its Nexset and records (`force=true` also deletes destinations reading it)",
  params,
  query: deleteSourceQuerySchema,
  response: deletedSourceSchema,
  errors: [404, 409],
});

export const uploadFileRoute = defineRoute({
  method: "POST",
  path: "/api/v1/sources/{id}/upload",
  summary: "Upload a file into a file source (streamed; all of it or nothing)",
  description: uploadDescription,
  params,
  query: uploadQuerySchema,
  response: uploadResultSchema,
  errors: [404, 409, 413],
});

export const listSourceRunsRoute = defineRoute({
  method: "GET",
  path: "/api/v1/sources/{id}/runs",
  summary: "A source's runs, newest first, each with its steps' input and output (the debug view)",
  params,
  query: listRunsQuerySchema,
  response: sourceRunListSchema,
  errors: [404],
});

export const runSourceRoute = defineRoute({
  method: "POST",
  path: "/api/v1/sources/{id}/runs",
  summary: "Run an Intercom source now",
  params,
  response: requestedRunSchema,
  status: 202,
  errors: [404, 409],
});

export const rotateTokenRoute = defineRoute({
  method: "POST",
  path: "/api/v1/sources/{id}/rotate-token",
  summary: "Give a webhook source a new URL (the old one stops working at once); the token is in this answer only",
  params,
  response: rotatedTokenSchema,
  errors: [404, 409],
});

export const rotateSigningSecretRoute = defineRoute({
  method: "POST",
  path: "/api/v1/sources/{id}/signing-secret",
  summary: "Require Standard Webhooks signatures on a webhook source, with a new secret (in this answer only)",
  params,
  response: signingSecretSchema,
  errors: [404, 409],
});

export const removeSigningSecretRoute = defineRoute({
  method: "DELETE",
  path: "/api/v1/sources/{id}/signing-secret",
  summary: "Stop requiring signatures on a webhook source",
  params,
  errors: [404, 409],
});

export const sourceRoutes = [
  listSourcesRoute,
  createSourceRoute,
  uploadNewSourceRoute,
  getSourceRoute,
  updateSourceRoute,
  deleteSourceRoute,
  uploadFileRoute,
  listSourceRunsRoute,
  runSourceRoute,
  rotateTokenRoute,
  rotateSigningSecretRoute,
  removeSigningSecretRoute,
] as const;
