import type { Db } from "@/lib/db/client";
import { sourceRunStepsSchema, type IntercomSourceConfig } from "../schemas";

export const EXPORT_WINDOW_STEP = "Export window";
const DEFAULT_LOOKBACK_SECONDS = 24 * 3600;

export interface ExportWindow {
  /** Unix seconds, as Intercom takes them. */
  createdAtAfter: number;
  createdAtBefore: number;
  basis: string;
}

const toSeconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/** Where the last successful run's window ended, read back from its "Export window" step. */
async function previousWindowEnd(db: Db, sourceId: string): Promise<number | undefined> {
  const last = await db.sourceRun.findFirst({
    where: { sourceId, status: "succeeded" },
    orderBy: { startedAt: "desc" },
    select: { steps: true },
  });
  const steps = sourceRunStepsSchema.safeParse(last?.steps ?? []);
  const step = steps.success ? steps.data.find((s) => s.step === EXPORT_WINDOW_STEP) : undefined;
  const end = (step?.input as { createdAtBefore?: unknown } | undefined)?.createdAtBefore;
  return typeof end === "number" ? end : undefined;
}

/**
 * The configured range; otherwise from where the previous successful run stopped (so a
 * scheduled export neither misses nor repeats a window), or the last 24 hours on a first run.
 */
export async function resolveExportWindow(
  db: Db,
  sourceId: string,
  config: IntercomSourceConfig,
  now = new Date(),
): Promise<ExportWindow> {
  if (config.exportRange) {
    return {
      createdAtAfter: toSeconds(config.exportRange.createdAtAfter),
      createdAtBefore: toSeconds(config.exportRange.createdAtBefore),
      basis: "configured range",
    };
  }
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const previous = await previousWindowEnd(db, sourceId);
  if (previous !== undefined && previous < nowSeconds)
    return { createdAtAfter: previous, createdAtBefore: nowSeconds, basis: "since the previous successful run" };
  return {
    createdAtAfter: nowSeconds - DEFAULT_LOOKBACK_SECONDS,
    createdAtBefore: nowSeconds,
    basis: "the last 24 hours (first run)",
  };
}
