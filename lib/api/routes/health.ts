import { z } from "zod";
import { defineApiRoute } from "../route-spec";

const componentStatus = z.enum(["ok", "down"]);

// Documents the lead's app/api/health/route.ts (lib/health/check-health.ts) for the OpenAPI document.
export const healthResponseSchema = z.object({
  status: z.enum(["ok", "degraded"]),
  database: componentStatus,
  redis: componentStatus,
  worker: componentStatus,
  problems: z.array(z.string()).optional(),
});

export const healthRoute = defineApiRoute({
  method: "GET",
  path: "/api/health",
  summary: "Liveness of the web app, PostgreSQL, Redis and the worker (no credentials needed)",
  description: "200 when every component is up; 503 with `problems` naming what is down otherwise.",
  tags: ["Operations"],
  auth: "public",
  response: healthResponseSchema,
  errors: [503],
});
