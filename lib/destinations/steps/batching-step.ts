import { z } from "zod";
import { parseOtherPropsJson } from "../other-props";

export const BATCHING_ALGORITHMS = ["json_array", "json_object_property", "code"] as const;
export type BatchingAlgorithm = (typeof BATCHING_ALGORITHMS)[number];
export const DEFAULT_BATCH_SIZE = 100;
export const MAX_BATCH_SIZE = 10_000;
export const MAX_GROUPING_CODE_LENGTH = 100_000;

const SIZE_RANGE = `Batch size must be a whole number from 1 to ${MAX_BATCH_SIZE.toLocaleString("en-US")}`;

export const batchingSchema = z
  .object({
    enabled: z.boolean().default(false),
    size: z
      .number({ error: SIZE_RANGE })
      .int({ error: SIZE_RANGE })
      .min(1, { error: "Batch size must be at least 1" })
      .max(MAX_BATCH_SIZE, { error: `Batch size can be at most ${MAX_BATCH_SIZE.toLocaleString("en-US")}` })
      .default(DEFAULT_BATCH_SIZE),
    algorithm: z
      .enum(BATCHING_ALGORITHMS, {
        error: "Choose a grouping algorithm: JSON array, property inside a JSON object, or code",
      })
      .default("json_array"),
    /** json_object_property: the property that holds the records, e.g. "contacts". */
    propertyName: z.string().trim().max(200, { error: "The property name is too long" }).default(""),
    /** json_object_property: other top-level fields, as a JSON object. */
    otherPropsJson: z.string().max(100_000, { error: "Other props is too long" }).default(""),
    /** code: `(records, context) => body`, run in the sandbox. */
    code: z.string().max(MAX_GROUPING_CODE_LENGTH, { error: "The grouping code is too long" }).default(""),
  })
  // Only the chosen algorithm's fields matter; the others keep their values for switching back.
  .superRefine((batching, ctx) => {
    if (!batching.enabled) return;
    if (batching.algorithm === "json_object_property") {
      if (batching.propertyName === "") {
        ctx.addIssue({
          code: "custom",
          path: ["propertyName"],
          message: "Enter the property that holds the records, e.g. contacts",
        });
      }
      const other = parseOtherPropsJson(batching.otherPropsJson);
      if (!other.ok) ctx.addIssue({ code: "custom", path: ["otherPropsJson"], message: other.message });
      else if (batching.propertyName !== "" && Object.hasOwn(other.value, batching.propertyName)) {
        ctx.addIssue({
          code: "custom",
          path: ["otherPropsJson"],
          message: `Other props must not contain "${batching.propertyName}": the records go there`,
        });
      }
    }
    if (batching.algorithm === "code" && batching.code.trim() === "") {
      ctx.addIssue({
        code: "custom",
        path: ["code"],
        message: "Write the grouping function (start from the template)",
      });
    }
  });

export const batchingStepSchema = z.object({ batching: batchingSchema.prefault({}) });
