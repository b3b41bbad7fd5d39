import styles from "./status-badge.module.css";

// The one way a destination's status is shown (page header, lists, flow canvas): the same words
// and colours everywhere. An error status carries its message as the badge's description.

export type DestinationStatusValue = "draft" | "active" | "paused" | "error";

export const DESTINATION_STATUS_LABELS: Record<DestinationStatusValue, string> = {
  draft: "Draft",
  active: "Active",
  paused: "Paused",
  error: "Error",
};

const TONE: Record<DestinationStatusValue, string> = {
  draft: "",
  active: "badge-success",
  paused: styles.paused ?? "",
  error: "badge-danger",
};

function isKnown(status: string): status is DestinationStatusValue {
  return status in DESTINATION_STATUS_LABELS;
}

export function DestinationStatusBadge({ status, message }: { status: string; message?: string | null }) {
  const known = isKnown(status);
  const label = known ? DESTINATION_STATUS_LABELS[status] : status;
  const classes = ["badge", styles.badge, known ? TONE[status] : "", status === "active" ? styles.active : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <span className={classes} title={message ?? undefined} data-status={status} data-testid="destination-status">
      <span className={styles.dot} aria-hidden="true" />
      <span className="visually-hidden">Status: </span>
      {label}
    </span>
  );
}
