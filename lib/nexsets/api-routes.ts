import { z } from "zod";
import { idParamsSchema } from "@/lib/api/id-params";
import { defineApiRouteGroup } from "@/lib/api/route-spec";
import {
  nexsetRecordViewSchema,
  nexsetViewQuerySchema,
  nexsetViewSchema,
  sampleCountSchema,
} from "@/lib/nexsets/schemas";

const defineRoute = defineApiRouteGroup({ tags: ["Nexsets"], auth: "session-or-api-key" });
const params = idParamsSchema;

export const getNexsetRoute = defineRoute({
  method: "GET",
  path: "/api/v1/nexsets/{id}",
  summary:
    "A Nexset: inferred schema (names, types, null counts), a page of records, the samples and where the records came from",
  params,
  query: nexsetViewQuerySchema,
  response: nexsetViewSchema,
  errors: [404],
});

export const nexsetRecordsPageSchema = z.object({
  records: z.array(nexsetRecordViewSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  pageCount: z.number().int(),
});

export const listNexsetRecordsRoute = defineRoute({
  method: "GET",
  path: "/api/v1/nexsets/{id}/records",
  summary: "A page of a Nexset's records (order=desc for the latest first)",
  params,
  query: nexsetViewQuerySchema,
  response: nexsetRecordsPageSchema,
  errors: [404],
});

export const nexsetSamplesSchema = z.object({ samples: z.array(z.record(z.string(), z.unknown())) });

export const getNexsetSamplesRoute = defineRoute({
  method: "GET",
  path: "/api/v1/nexsets/{id}/samples",
  summary: "The Nexset's first records: the samples the destination wizard previews requests with",
  params,
  query: z.object({ count: sampleCountSchema }),
  response: nexsetSamplesSchema,
  errors: [404],
});

export const nexsetRoutes = [getNexsetRoute, listNexsetRecordsRoute, getNexsetSamplesRoute] as const;
