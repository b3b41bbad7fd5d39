import type { TryRequestResult } from "@/lib/credentials/schemas";

function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/** One answer of Try a request: status, time, rate-limit headers and body. */
export function TryRequestAnswer({ answer, latest }: { answer: TryRequestResult; latest: boolean }) {
  const ok = answer.status !== null && answer.status < 400;
  return (
    <details open={latest} className="card" role="group" aria-label={latest ? "Latest answer" : "Earlier answer"}>
      <summary>
        <strong className={ok ? undefined : "field-error"}>{answer.status ?? "no answer"}</strong> {answer.method}{" "}
        <code>{answer.url}</code> · {answer.latencyMs} ms
      </summary>
      {answer.errorMessage && <p className="field-error">{answer.errorMessage}</p>}
      {Object.keys(answer.rateLimit).length > 0 && (
        <dl>
          {Object.entries(answer.rateLimit).map(([name, value]) => (
            <div key={name}>
              <dt>{name}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
      <pre style={{ maxHeight: 400, overflow: "auto" }}>{pretty(answer.body)}</pre>
      {answer.bodyTruncated && <p className="muted">The body was cut at 256 KB.</p>}
    </details>
  );
}
