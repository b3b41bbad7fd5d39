import { z } from "zod";
import { HTTP_METHODS } from "@/lib/connectors/types";

export const methodStepSchema = z.object({
  method: z.enum(HTTP_METHODS, { error: `Choose a method: ${HTTP_METHODS.join(", ")}` }).default("POST"),
});
