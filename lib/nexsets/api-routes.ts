import { z } from "zod";
import { defineApiRoute } from "@/lib/api/route-spec";
import {
  nexsetRecordViewSchema,
  nexsetViewQuerySchema,
  nexsetViewSchema,
  sampleCountSchema,
} from "@/lib/nexsets/schemas";

const tags = ["Nexsets"];
const auth = "session-or-api-key" as const;
const params = z.object({ id: z.string().trim().min(1).max(64) });

export const getNexsetRoute = defineApiRoute({
  method: "GET",
  path: "/api/v1/nexsets/{id}",
  summary:
    "A Nexset: inferred schema (names, types, null counts), a page of records, the samples and where the records came from",
  tags,
  auth,
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

export const listNexsetRecordsRoute = defineApiRoute({
  method: "GET",
  path: "/api/v1/nexsets/{id}/records",
  summary: "A page of a Nexset's records (order=desc for the latest first)",
  tags,
  auth,
  params,
  query: nexsetViewQuerySchema,
  response: nexsetRecordsPageSchema,
  errors: [404],
});

export const nexsetSamplesSchema = z.object({ samples: z.array(z.record(z.string(), z.unknown())) });

export const getNexsetSamplesRoute = defineApiRoute({
  method: "GET",
  path: "/api/v1/nexsets/{id}/samples",
  summary: "The Nexset's first records: the samples the destination wizard previews requests with",
  tags,
  auth,
  params,
  query: z.object({ count: sampleCountSchema }),
  response: nexsetSamplesSchema,
  errors: [404],
});

export const nexsetRoutes = [getNexsetRoute, listNexsetRecordsRoute, getNexsetSamplesRoute] as const;
