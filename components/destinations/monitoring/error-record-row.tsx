"use client";

import type { ErrorRecordDto } from "@/lib/delivery/monitoring/monitoring-schemas";
import { formatDateTime, formatSeqRange } from "./format";
import { HttpMessage } from "./http-message";
import styles from "./monitoring.module.css";
import { HttpStatus } from "./outcome-badge";

const STATUS_CLASS: Record<string, string> = {
  open: "badge badge-danger",
  replayed: "badge badge-success",
  discarded: "badge",
};

interface Props {
  record: ErrorRecordDto;
  selected: boolean;
  onToggle: (id: string) => void;
  onReplay: (id: string) => void;
  busy: boolean;
}

export function ErrorRecordRow({ record, selected, onToggle, onReplay, busy }: Props) {
  const open = record.status === "open";
  const range = formatSeqRange(record.firstSeq, record.lastSeq);
  return (
    <tr data-testid="error-record-row">
      <td>
        {open && (
          <input
            type="checkbox"
            checked={selected}
            onChange={() => onToggle(record.id)}
            aria-label={`Select error record ${range}`}
          />
        )}
      </td>
      <td className={styles.numeric}>{range}</td>
      <td className={styles.reason}>
        <div>{record.reason}</div>
        <details className={styles.details}>
          <summary>Request and response</summary>
          <div className={styles.io} style={{ marginTop: 8 }}>
            <HttpMessage
              title="Request"
              line={
                record.requestMethod
                  ? `${record.requestMethod} ${record.requestUrl ?? ""}`
                  : "(not sent: the request could not be built)"
              }
              body={record.requestBody}
            />
            <HttpMessage
              title="Response"
              line={<HttpStatus status={record.responseStatus} />}
              body={record.responseBody}
            />
          </div>
        </details>
      </td>
      <td>
        <HttpStatus status={record.responseStatus} />
      </td>
      <td className={styles.numeric}>v{record.configVersion}</td>
      <td className={styles.numeric}>{formatDateTime(record.createdAt)}</td>
      <td>
        <span className={STATUS_CLASS[record.status] ?? "badge"}>{record.status}</span>
      </td>
      <td className="actions">
        {open && (
          <button
            type="button"
            className="btn btn-small"
            disabled={busy}
            onClick={() => onReplay(record.id)}
            aria-label={`Replay error record ${range}`}
          >
            Replay
          </button>
        )}
      </td>
    </tr>
  );
}
