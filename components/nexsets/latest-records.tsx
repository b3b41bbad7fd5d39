"use client";

import Link from "next/link";
import { RecordsTable } from "./records-table";
import { useNexsetRecords } from "./use-nexset-records";

/** The newest records of a Nexset, newest first: what a webhook source just received. */
export function LatestRecords({ nexsetId, title = "Latest records" }: { nexsetId: string; title?: string }) {
  const { data, error, isPending } = useNexsetRecords(nexsetId, { page: 1, pageSize: 10, order: "desc" });
  return (
    <section className="card" aria-labelledby="latest-records-title">
      <h2 id="latest-records-title" className="card-title">
        {title}
      </h2>
      <p className="card-description">
        {data ? `${data.total.toLocaleString()} records in total. ` : ""}
        <Link href={`/nexsets/${nexsetId}`}>Open the Nexset</Link> for its schema and every record.
      </p>
      {isPending ? (
        <p className="muted">Loading records…</p>
      ) : error ? (
        <div className="alert alert-error">Could not load records: {error.message}</div>
      ) : (
        <RecordsTable records={data.records} attributes={[]} caption={title} />
      )}
    </section>
  );
}
