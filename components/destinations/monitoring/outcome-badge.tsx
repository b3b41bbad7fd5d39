import { callOutcomeOf } from "./format";

const TONE_CLASS = {
  success: "badge badge-success",
  danger: "badge badge-danger",
  warning: "badge badge-warning",
  neutral: "badge",
} as const;

export function OutcomeBadge({
  call,
}: {
  call: { outcome: string; syncStep?: string | null; recordOutcome?: string | null };
}) {
  const { label, tone, hint } = callOutcomeOf(call);
  return (
    <span className={TONE_CLASS[tone]} title={hint} data-testid="call-outcome">
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
