import type { Db } from "@/lib/db/client";
import { isDomainError } from "@/lib/errors";
import { log } from "@/lib/log";
import { stepsJson } from "./run-steps";
import type { SourceRunStep } from "./schemas";

/** The message a run shows for an error: a DomainError's own words, else a generic line. */
export function describeRunError(error: unknown): string {
  if (isDomainError(error)) return error.message;
  return `Unexpected error: ${error instanceof Error ? error.message : String(error)}`;
}

/** Keeps a failed attempt visible in the source's run list (the data itself was rolled back). */
export async function recordFailedRun(
  db: Db,
  sourceId: string,
  failure: { startedAt: Date; error: unknown; step: Omit<SourceRunStep, "at"> },
): Promise<void> {
  const message = describeRunError(failure.error);
  try {
    await db.sourceRun.create({
      data: {
        sourceId,
        status: "failed",
        error: message,
        steps: stepsJson([
          {
            ...failure.step,
            at: failure.startedAt.toISOString(),
            output: { ...(failure.step.output as object), error: message },
          },
        ]),
        startedAt: failure.startedAt,
        finishedAt: new Date(),
      },
    });
  } catch (error) {
    log.warn({ sourceId, err: (error as Error).message }, "could not record a failed source run");
  }
}
