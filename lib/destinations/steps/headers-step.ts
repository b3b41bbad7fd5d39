import { z } from "zod";
import { parseHeadersText } from "../headers-text";

export function createHeadersStepSchema(versions: readonly string[], defaultVersion: string) {
  return z.object({
    headersText: z
      .string()
      .default("")
      .superRefine((value, ctx) => {
        const parsed = parseHeadersText(value);
        // One issue carrying every problem: a form shows one message per field.
        if (!parsed.ok)
          ctx.addIssue({ code: "custom", message: parsed.errors.map((error) => error.message).join("; ") });
      }),
    intercomVersion: z
      .string({ error: `Choose an Intercom API version: ${versions.join(", ")}` })
      .refine((version) => versions.includes(version), {
        error: `Choose an Intercom API version: ${versions.join(", ")}`,
      })
      .default(defaultVersion),
  });
}
