import { z } from "zod";

/** `{id}` in a /api/v1/<things>/{id} path: a row's id as the URL carries it. */
export const idParamsSchema = z.object({ id: z.string().trim().min(1).max(64) });
