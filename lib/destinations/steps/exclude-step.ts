import { z } from "zod";

export const excludeStepSchema = z.object({
  excludedAttributes: z
    .array(z.string().trim().min(1, { error: "An excluded attribute needs a name" }))
    .max(1000, { error: "Exclude at most 1,000 attributes" })
    .default([])
    .superRefine((names, ctx) => {
      const seen = new Set<string>();
      names.forEach((name, index) => {
        if (seen.has(name)) ctx.addIssue({ code: "custom", path: [index], message: `"${name}" is excluded twice` });
        seen.add(name);
      });
    }),
});
