import type { SendTestResult } from "@/lib/destinations/send-test-schemas";
import styles from "./sample-payload.module.css";

const RATE_LIMIT_NAMES: [string, string][] = [
  ["x-ratelimit-limit", "Limit"],
  ["x-ratelimit-remaining", "Remaining"],
  ["x-ratelimit-reset", "Reset"],
];

/** A sync operation's test: what came of the record, and every call of its sequence with its answer. */
function SequenceView({ result }: { result: SendTestResult }) {
  return (
    <div data-testid="test-sequence">
      <p className={styles.resultLine}>
        <span className={`badge ${result.recordOutcome === "error" ? "badge-danger" : "badge-success"}`}>
          {result.recordOutcome?.replace("_", " ")}
        </span>
        {result.recordMessage && <span className="muted">{result.recordMessage}</span>}
      </p>
      <ol aria-label="Calls of the sequence">
        {result.sequence?.map((call, index) => (
          <li key={index}>
            <details>
              <summary>
                {call.method} <code>{call.url}</code> → {call.status === null ? "no answer" : `HTTP ${call.status}`} (
                {call.outcome}, {Math.round(call.latencyMs)} ms)
              </summary>
              {call.requestBody && <pre className={styles.body}>{call.requestBody}</pre>}
              <pre className={styles.body}>{JSON.stringify(call.body, null, 2)}</pre>
            </details>
          </li>
        ))}
      </ol>
    </div>
  );
}

/** Intercom's answer to a test: status, time taken, rate-limit headers and the body. */
export function TestResultView({ result }: { result: SendTestResult }) {
  const good = result.status !== null && result.status < 300;
  const body = typeof result.body === "string" ? result.body : JSON.stringify(result.body, null, 2);
  return (
    <section className={styles.result} aria-label="Test result" data-testid="test-result">
      <p className={styles.resultLine}>
        <span className={`badge ${good ? "badge-success" : "badge-danger"}`} data-testid="test-status">
          {result.status === null ? "No answer" : `HTTP ${result.status}`}
        </span>
        <span>{Math.round(result.latencyMs)} ms</span>
        <span className="muted">{result.outcome}</span>
      </p>
      {result.errorMessage && <p className="field-error">{result.errorMessage}</p>}
      <dl className={styles.rateLimit} aria-label="Rate limit">
        {RATE_LIMIT_NAMES.map(([header, label]) => (
          <div key={header}>
            <dt>{label}</dt>
            <dd>{result.rateLimitHeaders[header] ?? "—"}</dd>
          </div>
        ))}
      </dl>
      <p className="muted" style={{ margin: "8px 0 4px" }}>
        {result.request.method} <code>{result.request.url}</code>
        {result.callId ? " · recorded in the activity log" : ""}
      </p>
      <pre className={styles.body} aria-label="Response body">
        {body || "(empty)"}
      </pre>
      {result.sequence && <SequenceView result={result} />}
    </section>
  );
}
