import { z } from "zod";
import { DomainError } from "@/lib/errors";
import type { IntercomResult } from "../client-types";
import { callIntercom, type IntercomContext } from "./context";

// GET /me: the admin the token belongs to and the workspace ("app"). Loose: Intercom adds fields.
const meSchema = z.looseObject({
  type: z.literal("admin").optional(),
  id: z.union([z.string(), z.number()]).transform(String),
  name: z.string().nullish(),
  email: z.string().nullish(),
  app: z
    .looseObject({
      id_code: z.string().nullish(),
      name: z.string().nullish(),
      region: z.string().nullish(),
    })
    .nullish(),
});

export interface MeInfo {
  adminId: string;
  adminName: string | null;
  adminEmail: string | null;
  workspaceId: string | null;
  workspaceName: string | null;
  /** The region Intercom reports for the workspace (e.g. "US"), when it does. */
  workspaceRegion: string | null;
}

export async function getMe(ctx: IntercomContext): Promise<{ me: MeInfo; result: IntercomResult }> {
  const result = await callIntercom(ctx, { method: "GET", path: "/me" });
  return { me: parseMe(result.body), result };
}

export function parseMe(body: unknown): MeInfo {
  const parsed = meSchema.safeParse(body);
  if (!parsed.success) {
    throw new DomainError("intercom_unexpected_answer", "GET /me answered 200 but not with an admin object", {
      status: 502,
      details: parsed.error.issues,
    });
  }
  const me = parsed.data;
  return {
    adminId: me.id,
    adminName: me.name ?? null,
    adminEmail: me.email ?? null,
    workspaceId: me.app?.id_code ?? null,
    workspaceName: me.app?.name ?? null,
    workspaceRegion: me.app?.region ?? null,
  };
}
