import type { FlowStatus } from "@/lib/flows/view-schemas";

const LABELS: Record<FlowStatus, { label: string; tone: string }> = {
  empty: { label: "Empty", tone: "" },
  idle: { label: "Idle", tone: "" },
  active: { label: "Active", tone: "badge-success" },
  error: { label: "Error", tone: "badge-danger" },
};

export function FlowStatusBadge({ status }: { status: FlowStatus }) {
  const { label, tone } = LABELS[status];
  return <span className={["badge", tone].filter(Boolean).join(" ")}>{label}</span>;
}
