import type { ReactNode } from "react";
import { prettyBody } from "./format";
import styles from "./monitoring.module.css";

/** Headers and body of one side of an HTTP exchange, as the debug view and error records show them. */
export function HttpMessage({
  title,
  line,
  headers,
  body,
  emptyBody = "(no body)",
}: {
  title: string;
  line?: ReactNode;
  headers?: Record<string, string> | null;
  body: string | null;
  emptyBody?: string;
}) {
  const entries = Object.entries(headers ?? {});
  return (
    <section aria-label={title}>
      <h3 className={styles.ioTitle}>{title}</h3>
      {line && (
        <p style={{ margin: "0 0 8px", fontFamily: "var(--font-mono)", fontSize: 13, wordBreak: "break-all" }}>
          {line}
        </p>
      )}
      {entries.length > 0 && (
        <table className={styles.headers}>
          <caption className="visually-hidden">{title} headers</caption>
          <tbody>
            {entries.map(([name, value]) => (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <pre className={styles.code}>{prettyBody(body) || emptyBody}</pre>
    </section>
  );
}
