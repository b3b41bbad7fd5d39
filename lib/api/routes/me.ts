import { z } from "zod";
import { db as defaultDb, type Db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import type { OrgContext } from "../authenticate-request";
import { defineApiRoute } from "../route-spec";

export const meResponseSchema = z.object({
  organisation: z.object({ id: z.string(), name: z.string() }),
  authenticatedWith: z.enum(["session", "api-key"]),
  user: z.object({ id: z.string(), name: z.string(), email: z.string(), role: z.string() }).nullable(),
  apiKey: z.object({ id: z.string(), name: z.string(), prefix: z.string() }).nullable(),
});
export type MeResponse = z.infer<typeof meResponseSchema>;

export const meRoute = defineApiRoute({
  method: "GET",
  path: "/api/v1/me",
  summary: "Who is calling: the organisation, and the API key or user behind the request",
  tags: ["Account"],
  auth: "session-or-api-key",
  response: meResponseSchema,
});

export async function describeCaller(org: OrgContext, database: Db = defaultDb()): Promise<MeResponse> {
  const organisation = await database.organisation.findUnique({
    where: { id: org.organisationId },
    select: { id: true, name: true },
  });
  if (!organisation) throw notFound("Organisation");
  const user = org.userId
    ? await database.user.findFirst({
        where: { id: org.userId, organisationId: org.organisationId },
        select: { id: true, name: true, email: true, role: true },
      })
    : null;
  const apiKey = org.apiKeyId
    ? await database.apiKey.findFirst({
        where: { id: org.apiKeyId, organisationId: org.organisationId },
        select: { id: true, name: true, prefix: true },
      })
    : null;
  return { organisation, authenticatedWith: org.via, user, apiKey };
}
