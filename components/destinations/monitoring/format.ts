// Formatting shared by the monitoring components: numbers, times, latencies and call outcomes.

const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });
const minuteOfDay = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });

export const formatCount = (n: number) => integer.format(n);
export const formatTime = (date: Date) => timeOfDay.format(date);
export const formatDateTime = (date: Date) => dateTime.format(date);
export const formatMinute = (date: Date) => minuteOfDay.format(date);

export function formatLatency(ms: number): string {
  return ms < 1_000 ? `${ms} ms` : `${(ms / 1_000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

export function formatSeqRange(first: number | null, last: number | null): string {
  if (first === null || last === null) return "—";
  return first === last ? `#${first}` : `#${first}–${last}`;
}

/** What the worker decided about each call (HOUSE-STYLE 11), in the user's words. */
export const OUTCOME_LABELS: Record<string, { label: string; tone: "success" | "danger" | "neutral"; hint: string }> = {
  success: { label: "Delivered", tone: "success", hint: "Intercom accepted the request" },
  conflict: {
    label: "Already exists",
    tone: "success",
    hint: "Intercom answered 409: the record was already there; its id is kept",
  },
  retry: { label: "Retried", tone: "neutral", hint: "5xx, timeout or reset: the call is retried with backoff" },
  rate_limited: {
    label: "Rate limited",
    tone: "neutral",
    hint: "429: waited for the window to reset, without using a retry attempt",
  },
  permanent: {
    label: "Error record",
    tone: "danger",
    hint: "Intercom refused the request: its records are kept as error records",
  },
};

export const KIND_LABELS: Record<string, string> = { delivery: "Delivery", replay: "Replay", test: "Test" };

export function outcomeOf(outcome: string) {
  return OUTCOME_LABELS[outcome] ?? { label: outcome, tone: "neutral" as const, hint: "" };
}

/** Pretty-prints JSON bodies; anything else is shown as sent. */
export function prettyBody(body: string | null): string {
  if (body === null || body === "") return "";
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}
