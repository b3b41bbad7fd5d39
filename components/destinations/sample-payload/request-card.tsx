import type { BuiltRequest } from "@/lib/destinations/build-types";
import { prettyBody } from "./body-text";
import styles from "./sample-payload.module.css";

/** One request the current settings make: method and resolved URL, expandable to headers and body. */
export function RequestCard({ request, index, open }: { request: BuiltRequest; index: number; open?: boolean }) {
  const records = request.recordIndexes.map((i) => i + 1);
  return (
    <details className={styles.request} open={open} data-testid="sample-request">
      <summary className={styles.requestSummary}>
        <span className={styles.method}>{request.method}</span>
        <code className={styles.url}>{request.url}</code>
        <span className={styles.meta}>
          #{index + 1} · {records.length === 1 ? `record ${records[0]}` : `${records.length} records`}
          {request.warnings.length > 0 && <span className={styles.warningCount}> · ⚠ {request.warnings.length}</span>}
        </span>
      </summary>
      {request.warnings.length > 0 && (
        <ul className={styles.warnings} aria-label="Warnings">
          {request.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
      <table className={styles.headers} aria-label="Headers">
        <tbody>
          {Object.entries(request.headers).map(([name, value]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td>
                <code>{value}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {request.body === undefined ? (
        <p className="muted">No body ({request.method}).</p>
      ) : (
        <pre className={styles.body}>{prettyBody(request.body)}</pre>
      )}
    </details>
  );
}
