import type { ComponentType } from "react";
import { CreateFileSourceForm } from "@/components/sources/create-file-source-form";
import { CreateIntercomSourceForm } from "@/components/sources/create-intercom-source-form";
import { CreateWebhookSourceForm } from "@/components/sources/create-webhook-source-form";
import type { SourceFormProps } from "@/components/sources/source-form-props";
import type { FlowNodeKind } from "@/lib/flows/schemas";
import type {
  DestinationNodeData,
  FlowNodeData,
  NexsetNodeData,
  ResponseSourceNodeData,
  SourceNodeData,
} from "@/lib/flows/view-schemas";

// One registry maps each node kind to how the canvas shows it (HOUSE-STYLE 7): an icon, a title,
// a few summary lines and where its details live. Source kinds also carry the form that creates
// them, which the palette opens.

export interface NodeKindEntry<D extends FlowNodeData> {
  icon: string;
  title: (data: D) => string;
  summary: (data: D) => string[];
  detailsHref: (data: D) => string;
  /** Whether edges come in (left handle) and go out (right handle). */
  handles: { target: boolean; source: boolean };
}

type NodeRegistry = { [K in FlowNodeKind]: NodeKindEntry<Extract<FlowNodeData, { kind: K }>> };

const count = (n: number, word: string) => `${n.toLocaleString()} ${word}${n === 1 ? "" : "s"}`;
const SOURCE_TITLES: Record<SourceNodeData["sourceKind"], string> = {
  file: "File upload",
  webhook: "Webhook",
  intercom: "Intercom",
};
const SOURCE_ICONS: Record<SourceNodeData["sourceKind"], string> = { file: "⇪", webhook: "⚡", intercom: "◉" };

function summariseSource(data: SourceNodeData): string[] {
  const lines = [count(data.recordCount, "record")];
  if (data.lastRun)
    lines.push(
      `Last run ${data.lastRun.status}${data.lastRun.status === "succeeded" ? `, +${data.lastRun.recordsAdded.toLocaleString()}` : ""}`,
    );
  if (data.scheduleMinutes) lines.push(`Every ${count(data.scheduleMinutes, "minute")}`);
  return lines;
}

// The host is the credential's region; on a small node the path is what tells destinations apart.
const pathOf = (url: string | null) => url?.replace(/^https?:\/\/[^/]+/, "") || null;

const OUTCOME_WORDS: Record<string, string> = {
  created: "created",
  updated: "updated",
  unchanged: "unchanged",
  archived: "archived",
  deleted: "deleted",
  already_gone: "already gone",
  exists_not_updated: "not updated — exist",
};

function summariseDestination(data: DestinationNodeData): string[] {
  const lines = [[data.method, pathOf(data.urlTemplate)].filter(Boolean).join(" ") || "Not configured"];
  lines.push(`${data.delivered.toLocaleString()} / ${data.total.toLocaleString()} delivered`);
  if (data.errorRecords > 0) lines.push(count(data.errorRecords, "error record"));
  const outcomes = Object.entries(data.outcomes ?? {}).filter(([, n]) => n > 0);
  if (outcomes.length > 0)
    lines.push(
      outcomes.map(([outcome, n]) => `${n.toLocaleString()} ${OUTCOME_WORDS[outcome] ?? outcome}`).join(" · "),
    );
  return lines;
}

export const NODE_REGISTRY: NodeRegistry = {
  source: {
    icon: "⇪",
    title: (data) => `${SOURCE_TITLES[data.sourceKind]} source`,
    summary: summariseSource,
    detailsHref: (data) => `/sources/${data.refId}`,
    handles: { target: false, source: true },
  },
  nexset: {
    icon: "▦",
    title: () => "Nexset",
    summary: (data: NexsetNodeData) => [count(data.recordCount, "record"), count(data.attributeCount, "attribute")],
    detailsHref: (data) => `/nexsets/${data.refId}`,
    handles: { target: true, source: true },
  },
  destination: {
    icon: "➜",
    title: () => "Intercom destination",
    summary: summariseDestination,
    detailsHref: (data) => `/destinations/${data.refId}`,
    handles: { target: true, source: true },
  },
  response_source: {
    icon: "↩",
    title: () => "Response webhook",
    summary: (data: ResponseSourceNodeData) => [count(data.recordCount, "response")],
    detailsHref: (data) => `/sources/${data.refId}`,
    handles: { target: true, source: true },
  },
};

export function nodeIcon(data: FlowNodeData): string {
  return data.kind === "source" ? SOURCE_ICONS[data.sourceKind] : NODE_REGISTRY[data.kind].icon;
}

/** Looks up a node's entry with its data's own type. */
export function entryFor<D extends FlowNodeData>(data: D): NodeKindEntry<D> {
  return NODE_REGISTRY[data.kind] as unknown as NodeKindEntry<D>;
}

export interface SourcePaletteEntry {
  kind: SourceNodeData["sourceKind"];
  icon: string;
  title: string;
  description: string;
  ConfigForm: ComponentType<SourceFormProps>;
}

/** The palette's source kinds, in the order it lists them. */
export const SOURCE_PALETTE: readonly SourcePaletteEntry[] = [
  {
    kind: "file",
    icon: SOURCE_ICONS.file,
    title: SOURCE_TITLES.file,
    description: "CSV, JSON or NDJSON, streamed",
    ConfigForm: CreateFileSourceForm,
  },
  {
    kind: "webhook",
    icon: SOURCE_ICONS.webhook,
    title: SOURCE_TITLES.webhook,
    description: "A secret URL that accepts POSTed records",
    ConfigForm: CreateWebhookSourceForm,
  },
  {
    kind: "intercom",
    icon: SOURCE_ICONS.intercom,
    title: SOURCE_TITLES.intercom,
    description: "List contacts or companies, or export content",
    ConfigForm: CreateIntercomSourceForm,
  },
];
