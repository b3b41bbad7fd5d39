import type { Db } from "@/lib/db/client";
import { doneBeyondCursor } from "@/lib/delivery/engine/done-beyond-cursor";
import { countRecordOutcomesByDestination } from "@/lib/delivery/monitoring/record-outcomes";
import type { Prisma } from "@/lib/generated/prisma/client";
import { nexsetSchemaSchema } from "@/lib/nexsets/infer-schema";
import { assignRowsToFlows } from "./assign-flow-rows";
import type { FlowRows } from "./definition-to-flow";
import type { DestinationNodeData, NexsetNodeData, ResponseSourceNodeData, SourceNodeData } from "./view-schemas";

// Reads an organisation's sources, Nexsets and destinations once, with the live figures the
// canvas shows (record counts, delivery progress, records delivered today), and groups them by
// flow. One pass over the organisation, because membership follows the links between rows.

const sourceSelect = {
  id: true,
  kind: true,
  name: true,
  status: true,
  statusMessage: true,
  flowId: true,
  originDestinationId: true,
  scheduleMinutes: true,
  nexset: { select: { id: true, name: true, recordCount: true, schema: true } },
  runs: {
    orderBy: { startedAt: "desc" },
    take: 1,
    select: { status: true, recordsAdded: true, startedAt: true, error: true },
  },
} satisfies Prisma.SourceSelect;

const destinationSelect = {
  id: true,
  name: true,
  status: true,
  statusMessage: true,
  flowId: true,
  nexsetId: true,
  config: true,
  deliveredThroughSeq: true,
  nexset: { select: { recordCount: true } },
} satisfies Prisma.DestinationSelect;

type SourceRow = Prisma.SourceGetPayload<{ select: typeof sourceSelect }>;
type DestinationRow = Prisma.DestinationGetPayload<{ select: typeof destinationSelect }>;
type DeliveryFigures = Awaited<ReturnType<typeof loadDeliveryFigures>>;

interface ErrorTally {
  destinationId: string;
  status: string;
  records: number;
}

async function loadDeliveryFigures(db: Db, organisationId: string) {
  const [errors, today, beyond, outcomes] = await Promise.all([
    db.$queryRaw<ErrorTally[]>`
      SELECT "destinationId", "status", coalesce(sum("lastSeq" - "firstSeq" + 1), 0)::int AS records
      FROM "ErrorRecord" WHERE "organisationId" = ${organisationId} AND "status" IN ('open', 'discarded')
      GROUP BY 1, 2`,
    db.$queryRaw<{ destinationId: string; records: number }[]>`
      SELECT "destinationId", coalesce(sum("recordCount"), 0)::int AS records
      FROM "DeliveryCall"
      WHERE "organisationId" = ${organisationId} AND "kind" <> 'test' AND "outcome" IN ('success', 'conflict')
        AND "createdAt" >= date_trunc('day', now())
      GROUP BY 1`,
    doneBeyondCursor(db, { organisationId }),
    countRecordOutcomesByDestination(db, organisationId),
  ]);
  const tally = (status: string) =>
    new Map(errors.filter((e) => e.status === status).map((e) => [e.destinationId, e.records]));
  return {
    open: tally("open"),
    discarded: tally("discarded"),
    today: new Map(today.map((t) => [t.destinationId, t.records])),
    beyond,
    outcomes,
  };
}

function readConfigText(config: unknown, key: "method" | "urlTemplate"): string | null {
  const value = config && typeof config === "object" ? (config as Record<string, unknown>)[key] : undefined;
  return typeof value === "string" && value !== "" ? value : null;
}

/** Every flow's rows, by flow id. Rows in no flow are left out. */
export async function loadFlowRows(db: Db, organisationId: string): Promise<Map<string, FlowRows>> {
  const [sources, destinations, figures] = await Promise.all([
    db.source.findMany({
      where: { organisationId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: sourceSelect,
    }),
    db.destination.findMany({
      where: { organisationId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: destinationSelect,
    }),
    loadDeliveryFigures(db, organisationId),
  ]);
  const assignable = sources.map((s) => ({ ...s, nexsetId: s.nexset?.id ?? null }));
  const grouped = assignRowsToFlows(assignable, destinations);
  const result = new Map<string, FlowRows>();
  for (const [flowId, members] of grouped) {
    result.set(flowId, {
      sources: members.sources.map(toSourceData),
      nexsets: members.sources.flatMap((s) => (s.nexset ? [toNexsetData(s.id, s.nexset)] : [])),
      destinations: members.destinations.map((d) => toDestinationData(d, figures)),
    });
  }
  return result;
}

function toSourceData(source: SourceRow): SourceNodeData | ResponseSourceNodeData {
  const common = {
    refId: source.id,
    name: source.name,
    status: source.status,
    statusMessage: source.statusMessage,
    nexsetId: source.nexset?.id ?? null,
    recordCount: source.nexset?.recordCount ?? 0,
  };
  if (source.kind === "response_webhook")
    return { kind: "response_source", ...common, originDestinationId: source.originDestinationId ?? "" };
  const run = source.runs[0];
  return {
    kind: "source",
    ...common,
    sourceKind: source.kind === "webhook" || source.kind === "intercom" ? source.kind : "file",
    scheduleMinutes: source.scheduleMinutes,
    lastRun: run
      ? { status: run.status, recordsAdded: run.recordsAdded, startedAt: run.startedAt.toISOString(), error: run.error }
      : null,
  };
}

function toNexsetData(
  sourceId: string,
  nexset: { id: string; name: string; recordCount: number; schema: unknown },
): NexsetNodeData {
  const attributes = nexsetSchemaSchema.safeParse(nexset.schema);
  return {
    kind: "nexset",
    refId: nexset.id,
    name: nexset.name,
    sourceId,
    recordCount: nexset.recordCount,
    attributeCount: attributes.success ? attributes.data.attributes.length : 0,
  };
}

function toDestinationData(row: DestinationRow, figures: DeliveryFigures): DestinationNodeData {
  const total = row.nexset.recordCount;
  const processed = Math.min(row.deliveredThroughSeq + (figures.beyond.get(row.id) ?? 0), total);
  const open = figures.open.get(row.id) ?? 0;
  const discarded = figures.discarded.get(row.id) ?? 0;
  return {
    kind: "destination",
    refId: row.id,
    name: row.name,
    status: row.status,
    statusMessage: row.statusMessage,
    nexsetId: row.nexsetId,
    method: readConfigText(row.config, "method"),
    urlTemplate: readConfigText(row.config, "urlTemplate"),
    total,
    delivered: Math.max(0, processed - open - discarded),
    undelivered: total - processed + open,
    errorRecords: open,
    deliveredToday: figures.today.get(row.id) ?? 0,
    ...(figures.outcomes.has(row.id) ? { outcomes: figures.outcomes.get(row.id) } : {}),
  };
}
