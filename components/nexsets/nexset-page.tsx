"use client";

import Link from "next/link";
import { useState } from "react";
import { MAX_SCHEMA_ATTRIBUTES } from "@/lib/nexsets/infer-schema";
import { AttributesTable } from "./attributes-table";
import { NexsetOrigin } from "./nexset-origin";
import { RecordsTable } from "./records-table";
import { SamplesCard } from "./samples-card";
import { useNexset } from "./use-nexset";
import styles from "@/components/sources/sources.module.css";

const PAGE_SIZE = 25;

export function NexsetPage({ nexsetId }: { nexsetId: string }) {
  const [page, setPage] = useState(1);
  const { data, error, isPending, isPlaceholderData } = useNexset(nexsetId, {
    page,
    pageSize: PAGE_SIZE,
    order: "asc",
  });
  if (isPending) return <p className="muted">Loading Nexset…</p>;
  if (error) return <div className="alert alert-error">Could not load this Nexset: {error.message}</div>;

  const wizardQuery = new URLSearchParams({ nexsetId, ...(data.origin.flowId ? { flowId: data.origin.flowId } : {}) });
  const pageCount = Math.max(1, data.pageCount);
  return (
    <>
      <div className="page-header">
        <div>
          <p className="muted" style={{ margin: 0 }}>
            Nexset
          </p>
          <h1 className="page-title">{data.name}</h1>
          <p className="page-subtitle">
            {data.total.toLocaleString()} records · {data.attributes.length} attributes · feeds {data.destinationCount}{" "}
            destination
            {data.destinationCount === 1 ? "" : "s"}
          </p>
        </div>
        <Link className="btn btn-primary" href={`/destinations/new?${wizardQuery.toString()}`}>
          Send to Destination
        </Link>
      </div>
      <section className="card" aria-labelledby="origin-title">
        <h2 id="origin-title" className="card-title">
          Where the records came from
        </h2>
        <NexsetOrigin origin={data.origin} />
      </section>
      <section className="card" aria-labelledby="schema-title">
        <h2 id="schema-title" className="card-title">
          Schema
        </h2>
        <p className="card-description">
          Inferred from every record: the attribute names, their types, and how many records have no value.
        </p>
        {data.attributesTruncated && (
          <p className="muted" role="status">
            These records have more than {MAX_SCHEMA_ATTRIBUTES.toLocaleString()} attributes: the schema lists the first{" "}
            {MAX_SCHEMA_ATTRIBUTES.toLocaleString()}. The others are kept in the records and sent as they are.
          </p>
        )}
        <AttributesTable attributes={data.attributes} total={data.total} />
      </section>
      <SamplesCard samples={data.samples} />
      <section className="card" aria-labelledby="records-title" aria-busy={isPlaceholderData}>
        <h2 id="records-title" className="card-title">
          Records
        </h2>
        <RecordsTable records={data.records} attributes={data.attributes} caption="Records" />
        <nav className={styles.actions} aria-label="Record pages" style={{ marginTop: 12 }}>
          <button type="button" className="btn btn-small" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
            Previous
          </button>
          <span className="muted">
            Page {Math.min(page, pageCount)} of {pageCount}
          </span>
          <button
            type="button"
            className="btn btn-small"
            disabled={page >= pageCount}
            onClick={() => setPage((p) => p + 1)}
          >
            Next
          </button>
        </nav>
      </section>
    </>
  );
}
