import { asViewer, personalToFor, personalToSelect, type ViewerArg } from "@/lib/credentials/visibility";
import type { Db } from "@/lib/db/client";
import { destinationConfigSchema } from "@/lib/destinations/schemas";
import { notFound } from "@/lib/errors";
import type { DestinationStatus } from "@/lib/delivery/destination-lifecycle";
import { findResponseSource } from "@/lib/delivery/response-webhook";

// What the destination page's header shows: the destination, the Nexset it reads, the credential
// it calls Intercom with (never its token), and the response-webhook Nexset when one is on. A
// colleague's personal connection is shown only as "personal to <name>": its details stay with them.

export type OverviewCredential =
  | { visible: true; id: string; name: string; region: string; tokenLast4: string }
  | { visible: false; personalTo: string };

export interface DestinationOverview {
  id: string;
  name: string;
  status: DestinationStatus;
  statusMessage: string | null;
  configVersion: number;
  flowId: string | null;
  nexset: { id: string; name: string; recordCount: number };
  credential: OverviewCredential;
  /** Method and URL template, or null when the saved settings no longer parse. */
  request: { method: string; urlTemplate: string } | null;
  configProblem: string | null;
  responseWebhook: { enabled: boolean; nexsetId: string | null };
  updatedAt: Date;
}

export async function getDestinationOverview(
  db: Db,
  viewer: ViewerArg,
  destinationId: string,
): Promise<DestinationOverview> {
  const { organisationId } = asViewer(viewer);
  const row = await db.destination.findFirst({
    where: { id: destinationId, organisationId },
    select: {
      id: true,
      name: true,
      status: true,
      statusMessage: true,
      configVersion: true,
      flowId: true,
      config: true,
      updatedAt: true,
      nexset: { select: { id: true, name: true, recordCount: true } },
      credential: { select: { id: true, name: true, region: true, tokenLast4: true, ...personalToSelect } },
    },
  });
  if (!row) throw notFound("Destination");
  const config = destinationConfigSchema.safeParse(row.config);
  const webhookEnabled = config.success && config.data.responseWebhook.enabled;
  // The source is created on activation, so an enabled webhook may not have its Nexset yet.
  const responseSource = webhookEnabled ? await findResponseSource(db, row.id) : null;
  return {
    id: row.id,
    name: row.name,
    status: row.status as DestinationStatus,
    statusMessage: row.statusMessage,
    configVersion: row.configVersion,
    flowId: row.flowId,
    nexset: row.nexset,
    credential: overviewCredential(viewer, row.credential),
    request: config.success ? { method: config.data.method, urlTemplate: config.data.urlTemplate } : null,
    configProblem: config.success ? null : (config.error.issues[0]?.message ?? "The saved settings are invalid"),
    responseWebhook: { enabled: webhookEnabled, nexsetId: responseSource?.nexsetId ?? null },
    updatedAt: row.updatedAt,
  };
}

function overviewCredential(
  viewer: ViewerArg,
  credential: Parameters<typeof personalToFor>[1] & { id: string; name: string; region: string; tokenLast4: string },
): OverviewCredential {
  const personalTo = personalToFor(viewer, credential);
  if (personalTo !== null) return { visible: false, personalTo };
  const { id, name, region, tokenLast4 } = credential;
  return { visible: true, id, name, region, tokenLast4 };
}
