"use client";

import Link from "next/link";
import { LatestRecords } from "@/components/nexsets/latest-records";
import type { SourceDetail } from "@/lib/sources/schemas";
import { FileSourcePanel } from "./file-source-panel";
import { IntercomSourcePanel } from "./intercom-source-panel";
import { SourceRuns } from "./source-runs";
import { useSource } from "./use-source";
import { WebhookSourcePanel } from "./webhook-source-panel";

const KIND_TITLES: Record<SourceDetail["kind"], string> = {
  file: "File upload source",
  webhook: "Webhook source",
  intercom: "Intercom source",
  response_webhook: "Response webhook source",
};
const STATUS_TONE: Record<string, string> = { running: "badge-success", error: "badge-danger" };

function KindPanel({ source }: { source: SourceDetail }) {
  if (source.kind === "file") return <FileSourcePanel sourceId={source.id} />;
  if (source.kind === "intercom") return <IntercomSourcePanel source={source} />;
  if (source.kind === "webhook") return <WebhookSourcePanel source={source} />;
  return (
    <section className="card">
      <h2 className="card-title">Responses</h2>
      <p style={{ margin: 0 }}>
        Every API response of the destination{" "}
        {source.originDestinationId ? (
          <Link href={`/destinations/${source.originDestinationId}`}>that feeds it</Link>
        ) : (
          "that fed it"
        )}{" "}
        arrives here as a record, so the ids Intercom created and its errors can feed further destinations.
      </p>
    </section>
  );
}

export function SourcePage({ sourceId }: { sourceId: string }) {
  const { data: source, error, isPending } = useSource(sourceId);
  if (isPending) return <p className="muted">Loading source…</p>;
  if (error) return <div className="alert alert-error">Could not load this source: {error.message}</div>;
  const showLatest = source.nexsetId && (source.kind === "webhook" || source.kind === "response_webhook");
  return (
    <>
      <div className="page-header">
        <div>
          <p className="muted" style={{ margin: 0 }}>
            {source.flowId ? <Link href={`/flows/${source.flowId}`}>Flow</Link> : "Source"} / {KIND_TITLES[source.kind]}
          </p>
          <h1 className="page-title">{source.name}</h1>
          <p className="page-subtitle">
            <span
              className={["badge", STATUS_TONE[source.status] ?? ""].join(" ")}
              title={source.statusMessage ?? undefined}
            >
              {source.status}
            </span>{" "}
            {source.recordCount.toLocaleString()} records
            {source.statusMessage ? ` · ${source.statusMessage}` : ""}
          </p>
        </div>
        {source.nexsetId && (
          <Link className="btn" href={`/nexsets/${source.nexsetId}`}>
            View Nexset
          </Link>
        )}
      </div>
      <KindPanel source={source} />
      {showLatest && source.nexsetId && <LatestRecords nexsetId={source.nexsetId} />}
      {/* Webhook calls are not runs: each answers for itself, and the latest records show what came in. */}
      {(source.kind === "file" || source.kind === "intercom") && <SourceRuns sourceId={source.id} />}
    </>
  );
}
