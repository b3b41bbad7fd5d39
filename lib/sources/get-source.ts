import { asViewer, personalToFor, personalToSelect, type ViewerArg } from "@/lib/credentials/visibility";
import type { Db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { intercomSourceConfigSchema, webhookConfigSchema, type SourceDetail } from "./schemas";
import { runSummarySelect, sourceSummarySelect, toRunSummary, toSourceSummary } from "./source-views";

const RECENT_RUNS = 10;

/**
 * One source with its settings (never a secret), credential, webhook shape and recent runs. A
 * colleague's personal connection is only "personal to <name>".
 */
export async function getSource(db: Db, viewer: ViewerArg, sourceId: string): Promise<SourceDetail> {
  const { organisationId } = asViewer(viewer);
  const row = await db.source.findFirst({
    where: { id: sourceId, organisationId },
    select: {
      ...sourceSummarySelect,
      config: true,
      webhookSecretCipher: true,
      credential: { select: { id: true, name: true, region: true, ...personalToSelect } },
      _count: { select: { runs: true } },
    },
  });
  if (!row) throw notFound("Source");
  const recentRuns = await db.sourceRun.findMany({
    where: { sourceId },
    orderBy: { startedAt: "desc" },
    take: RECENT_RUNS,
    select: runSummarySelect,
  });
  const { config, webhookSecretCipher, credential, _count, ...summaryRow } = row;
  const isWebhook = row.kind === "webhook" || row.kind === "response_webhook";
  const webhookConfig = isWebhook ? webhookConfigSchema.parse(config ?? {}) : undefined;
  const intercomConfig = row.kind === "intercom" ? intercomSourceConfigSchema.safeParse(config) : undefined;
  return {
    ...toSourceSummary(summaryRow),
    settings: intercomConfig?.success
      ? intercomConfig.data
      : webhookConfig
        ? { ...webhookConfig, signed: Boolean(webhookSecretCipher) }
        : {},
    credential: credential && sourceCredential(viewer, credential),
    webhook: webhookConfig
      ? {
          pathTemplate: "/api/webhooks/{token}",
          signed: Boolean(webhookSecretCipher),
          maxBodyBytes: webhookConfig.maxBodyBytes,
        }
      : null,
    runCount: _count.runs,
    recentRuns: recentRuns.map(toRunSummary),
  };
}

function sourceCredential(
  viewer: ViewerArg,
  credential: Parameters<typeof personalToFor>[1] & { id: string; name: string; region: string },
): SourceDetail["credential"] {
  const personalTo = personalToFor(viewer, credential);
  return personalTo === null ? { id: credential.id, name: credential.name, region: credential.region } : { personalTo };
}
