import { z } from "zod";

export const credentialStepSchema = z.object({
  credentialId: z
    .string({ error: "Choose or create a credential" })
    .trim()
    .min(1, { error: "Choose or create a credential" }),
});
