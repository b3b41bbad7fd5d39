import { outcomeOf } from "./format";

const TONE_CLASS = { success: "badge badge-success", danger: "badge badge-danger", neutral: "badge" } as const;

export function OutcomeBadge({ outcome }: { outcome: string }) {
  const { label, tone, hint } = outcomeOf(outcome);
  return (
    <span className={TONE_CLASS[tone]} title={hint}>
      {label}
    </span>
  );
}

/** The HTTP status, coloured by class; no answer (timeout, reset) shows as such. */
export function HttpStatus({ status }: { status: number | null }) {
  if (status === null)
    return (
      <span className="badge" title="No HTTP answer: timeout or connection reset">
        No answer
      </span>
    );
  const tone =
    status < 300 ? "badge badge-success" : status === 409 ? "badge" : status >= 400 ? "badge badge-danger" : "badge";
  return <span className={tone}>{status}</span>;
}
