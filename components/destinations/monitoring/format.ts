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
type Tone = "success" | "danger" | "warning" | "neutral";
export const OUTCOME_LABELS: Record<string, { label: string; tone: Tone; hint: string }> = {
  success: { label: "Delivered", tone: "success", hint: "Intercom accepted the request" },
  conflict: {
    label: "Not updated — exists",
    tone: "warning",
    hint: "Intercom answered 409: the contact already exists and keeps its old values (its id is kept). To update it, switch the endpoint to “Create or update a contact”.",
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

/** What came of a record (sync operations), in the user's words; "exists_not_updated" is a plain create's 409. */
export const RECORD_OUTCOME_LABELS: Record<string, { label: string; tone: Tone; hint: string }> = {
  created: { label: "Created", tone: "success", hint: "No contact had this identifier: Intercom created it" },
  updated: { label: "Updated", tone: "success", hint: "The contact existed: it was updated with the record's values" },
  unchanged: { label: "Unchanged", tone: "neutral", hint: "Intercom reported nothing to change" },
  archived: { label: "Archived", tone: "success", hint: "The contact was archived" },
  deleted: { label: "Deleted", tone: "success", hint: "The contact was deleted" },
  already_gone: { label: "Already gone", tone: "neutral", hint: "No contact had this identifier: nothing to do" },
  error: { label: "Error record", tone: "danger", hint: "Kept as an error record with the failing call" },
  exists_not_updated: { ...OUTCOME_LABELS.conflict! },
};

/** A call's label: the record's outcome on a sync sequence's concluding call, a step in progress, or the call's own. */
export function callOutcomeOf(call: { outcome: string; syncStep?: string | null; recordOutcome?: string | null }) {
  if (call.recordOutcome) return RECORD_OUTCOME_LABELS[call.recordOutcome] ?? outcomeOf(call.outcome);
  if (call.syncStep && call.outcome === "conflict")
    return {
      label: "Exists — updating",
      tone: "neutral" as const,
      hint: "Intercom answered 409 naming the contact; the next call updates it",
    };
  if (call.syncStep && call.outcome === "success")
    return { label: `Step: ${call.syncStep}`, tone: "neutral" as const, hint: "One call of the record's sequence" };
  return outcomeOf(call.outcome);
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
