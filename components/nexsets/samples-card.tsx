import { JsonBlock } from "@/components/sources/json-block";

/** The samples the destination wizard builds its Sample Payload preview from. */
export function SamplesCard({ samples }: { samples: Record<string, unknown>[] }) {
  return (
    <section className="card" aria-labelledby="samples-title">
      <h2 id="samples-title" className="card-title">
        Sample records
      </h2>
      <p className="card-description">
        The first {samples.length} records: the destination wizard previews its requests with these.
      </p>
      {samples.length === 0 ? (
        <p className="muted">No records yet.</p>
      ) : (
        <details>
          <summary style={{ cursor: "pointer" }}>Show {samples.length} sample records</summary>
          <JsonBlock label="Sample records as JSON" value={samples} />
        </details>
      )}
    </section>
  );
}
