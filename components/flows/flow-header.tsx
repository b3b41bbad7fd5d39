"use client";

import Link from "next/link";
import { useState } from "react";
import { flowNameSchema } from "@/lib/flows/schemas";
import type { FlowSummary } from "@/lib/flows/view-schemas";
import { FlowStatusBadge } from "./flow-status-badge";
import { useUpdateFlow } from "./use-update-flow";

const count = (n: number, word: string) => `${n.toLocaleString()} ${word}${n === 1 ? "" : "s"}`;

/** The canvas page's title, with an in-place rename, and the flow's figures. */
export function FlowHeader({ flow }: { flow: FlowSummary }) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(flow.name);
  const [problem, setProblem] = useState<string | null>(null);
  const updateFlow = useUpdateFlow(flow.id);

  async function save(event: React.FormEvent) {
    event.preventDefault();
    const parsed = flowNameSchema.safeParse(name);
    if (!parsed.success) return setProblem(parsed.error.issues[0]?.message ?? "Invalid name");
    try {
      await updateFlow.mutateAsync({ name: parsed.data });
      setEditing(false);
      setProblem(null);
    } catch (error) {
      setProblem((error as Error).message);
    }
  }

  return (
    <div className="page-header">
      <div>
        <p className="muted" style={{ margin: 0 }}>
          <Link href="/flows">Flows</Link> /
        </p>
        {editing ? (
          <form onSubmit={save} className="form-row" noValidate>
            <div className="field">
              <label htmlFor="flow-name">Flow name</label>
              <input
                id="flow-name"
                className="input"
                value={name}
                onChange={(e) => setName(e.target.value)}
                aria-invalid={problem ? true : undefined}
                autoFocus
              />
              {problem && <span className="field-error">{problem}</span>}
            </div>
            <button type="submit" className="btn btn-primary" disabled={updateFlow.isPending}>
              Save
            </button>
            <button type="button" className="btn" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </form>
        ) : (
          <h1 className="page-title">
            {flow.name}{" "}
            <button
              type="button"
              className="btn btn-small"
              onClick={() => {
                setName(flow.name);
                setEditing(true);
              }}
            >
              Rename
            </button>
          </h1>
        )}
        <p className="page-subtitle">
          <FlowStatusBadge status={flow.status} /> {count(flow.totals.sources, "source")} ·{" "}
          {count(flow.totals.destinations, "destination")} · {count(flow.totals.deliveredToday, "record")} delivered
          today
        </p>
      </div>
    </div>
  );
}
