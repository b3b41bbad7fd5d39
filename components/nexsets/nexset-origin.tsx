import Link from "next/link";
import type { NexsetView } from "@/lib/nexsets/schemas";

const KIND_LABELS: Record<string, string> = {
  file: "file upload source",
  webhook: "webhook source",
  intercom: "Intercom source",
  response_webhook: "response webhook",
};

/** Where the records came from: the source, and for responses the destination that produced them. */
export function NexsetOrigin({ origin }: { origin: NexsetView["origin"] }) {
  return (
    <p style={{ margin: 0 }}>
      Records come from the {KIND_LABELS[origin.kind] ?? origin.kind}{" "}
      <Link href={`/sources/${origin.sourceId}`}>{origin.name}</Link>
      {origin.originDestination && (
        <>
          , which receives the API responses of the destination{" "}
          <Link href={`/destinations/${origin.originDestination.id}`}>{origin.originDestination.name}</Link>
        </>
      )}
      {origin.flowId && (
        <>
          {" "}
          in <Link href={`/flows/${origin.flowId}`}>its flow</Link>
        </>
      )}
      .
    </p>
  );
}
