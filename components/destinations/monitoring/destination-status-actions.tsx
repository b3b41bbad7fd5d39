"use client";

import Link from "next/link";
import styles from "./monitoring.module.css";
import { type StatusAction, useChangeDestinationStatus } from "./use-change-destination-status";

// Which buttons a status offers: draft → Activate; active → Pause; paused → Resume; error →
// Activate again (after fixing the settings) or Pause.
const ACTIONS_BY_STATUS: Record<string, StatusAction[]> = {
  draft: ["activate"],
  active: ["pause"],
  paused: ["resume"],
  error: ["activate", "pause"],
};

const LABELS: Record<StatusAction, { idle: string; busy: string }> = {
  activate: { idle: "Activate", busy: "Activating…" },
  pause: { idle: "Pause", busy: "Pausing…" },
  resume: { idle: "Resume", busy: "Resuming…" },
};

export function DestinationStatusActions({ destinationId, status }: { destinationId: string; status: string }) {
  const change = useChangeDestinationStatus(destinationId);
  const actions = ACTIONS_BY_STATUS[status] ?? [];
  return (
    <div className={styles.actionsColumn}>
      <div className={styles.actions}>
        {actions.map((action, index) => (
          <button
            key={action}
            type="button"
            className={index === 0 ? "btn btn-primary" : "btn"}
            disabled={change.isPending}
            onClick={() => change.mutate(action)}
          >
            {change.isPending && change.variables === action ? LABELS[action].busy : LABELS[action].idle}
          </button>
        ))}
        <Link className="btn" href={`/destinations/${encodeURIComponent(destinationId)}/edit`}>
          Edit
        </Link>
      </div>
      {change.error && (
        <div className="alert alert-error" role="alert" style={{ marginTop: 10, maxWidth: 420 }}>
          {change.error.message}
        </div>
      )}
    </div>
  );
}
