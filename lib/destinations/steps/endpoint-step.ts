import { z } from "zod";
import { parseUrlTemplate } from "../url-template";

// Context-free checks only; the host is checked against the credential by
// validateDestinationAgainstContext on the server.
export const endpointStepSchema = z.object({
  /** The catalogue entry picked, if any; the URL may still be edited freely. */
  endpointId: z.string().max(200).optional(),
  urlTemplate: z
    .string({ error: "Enter the endpoint URL" })
    .trim()
    .superRefine((value, ctx) => {
      const parsed = parseUrlTemplate(value);
      if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.message });
    }),
});
