import type { Prisma } from "@/lib/generated/prisma/client";
import type { SourceRunStep } from "./schemas";

/** Bodies shown in the debug view are cut to this many characters. */
export const MAX_STEP_BODY_CHARS = 2_000;
/** A run keeps its first steps and its last ones; a 10,000-page walk does not store 10,000 steps. */
const KEEP_FIRST = 40;
const KEEP_LAST = 10;

export function truncateText(text: string, max = MAX_STEP_BODY_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

/** Steps as stored: JSON only (dates as ISO strings), long runs folded in the middle. */
export function stepsJson(steps: readonly SourceRunStep[]): Prisma.InputJsonValue {
  const kept =
    steps.length <= KEEP_FIRST + KEEP_LAST
      ? steps
      : [
          ...steps.slice(0, KEEP_FIRST),
          {
            step: `… ${steps.length - KEEP_FIRST - KEEP_LAST} steps not kept …`,
            at: steps[KEEP_FIRST]!.at,
            input: null,
            output: null,
          },
          ...steps.slice(-KEEP_LAST),
        ];
  return JSON.parse(JSON.stringify(kept)) as Prisma.InputJsonValue;
}
