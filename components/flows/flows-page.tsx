"use client";

import { CreateFlowForm } from "./create-flow-form";
import { FlowsTable } from "./flows-table";
import { useFlows } from "./use-flows";

function FlowsEmptyState() {
  return (
    <section className="card empty-state" aria-labelledby="flows-empty-title">
      <div className="empty-state-icon" aria-hidden="true">
        ⇢
      </div>
      <h2 id="flows-empty-title">No flows yet</h2>
      <p>
        A flow takes records from a source — a file, a webhook or Intercom itself — shows them as a Nexset, and sends
        them to Intercom through a destination you configure step by step. Name your first flow above to start.
      </p>
    </section>
  );
}

export function FlowsPage() {
  const { data, error, isPending } = useFlows();
  return (
    <>
      <div className="page-header">
        <div>
          <h1 className="page-title">Flows</h1>
          <p className="page-subtitle">Move records from where they are into Intercom.</p>
        </div>
      </div>
      <CreateFlowForm />
      <div style={{ marginTop: 24 }}>
        {isPending ? (
          <p className="muted">Loading flows…</p>
        ) : error ? (
          <div className="alert alert-error">Could not load flows: {error.message}</div>
        ) : data.length === 0 ? (
          <FlowsEmptyState />
        ) : (
          <FlowsTable flows={data} />
        )}
      </div>
    </>
  );
}
