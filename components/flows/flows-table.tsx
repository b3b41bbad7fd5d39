"use client";

import Link from "next/link";
import type { FlowSummary } from "@/lib/flows/view-schemas";
import { FlowStatusBadge } from "./flow-status-badge";
import { confirmFlowDeletion } from "./confirm-messages";
import { useDeleteFlow } from "./use-delete-flow";

const numberFormat = new Intl.NumberFormat();

function FlowRow({ flow }: { flow: FlowSummary }) {
  const deleteFlow = useDeleteFlow();
  function onDelete() {
    if (window.confirm(confirmFlowDeletion(flow.name, flow.totals))) deleteFlow.mutate(flow.id);
  }
  return (
    <tr>
      <td>
        <Link href={`/flows/${flow.id}`}>
          <strong>{flow.name}</strong>
        </Link>
      </td>
      <td>{flow.totals.sources}</td>
      <td>{flow.totals.destinations}</td>
      <td>
        <FlowStatusBadge status={flow.status} />
      </td>
      <td>{numberFormat.format(flow.totals.deliveredToday)}</td>
      <td className="actions">
        <button
          type="button"
          className="btn btn-small btn-danger"
          onClick={onDelete}
          disabled={deleteFlow.isPending}
          aria-label={`Delete ${flow.name}`}
        >
          {deleteFlow.isPending ? "Deleting…" : "Delete"}
        </button>
        {deleteFlow.error && <div className="field-error">{deleteFlow.error.message}</div>}
      </td>
    </tr>
  );
}

export function FlowsTable({ flows }: { flows: FlowSummary[] }) {
  return (
    <div className="card">
      <table className="table">
        <caption className="visually-hidden">Flows</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Sources</th>
            <th scope="col">Destinations</th>
            <th scope="col">Status</th>
            <th scope="col">Delivered today</th>
            <th scope="col" className="actions">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {flows.map((flow) => (
            <FlowRow key={flow.id} flow={flow} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
