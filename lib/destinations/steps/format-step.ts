import { z } from "zod";

/** The content formats are the connector's data; this step only checks membership. */
export function createFormatStepSchema(formats: readonly { id: string; name: string }[]) {
  const ids = formats.map((format) => format.id);
  const names = formats.map((format) => format.name).join(", ");
  return z.object({
    format: z
      .string({ error: `Choose a content format: ${names}` })
      .refine((id) => ids.includes(id), { error: `Choose a content format: ${names}` })
      .default(ids[0] ?? "json"),
  });
}
