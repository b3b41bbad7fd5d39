"use client";

import { useEffect, useRef } from "react";
import { callOutcomeOf, formatDateTime, formatLatency, formatSeqRange, KIND_LABELS } from "./format";
import { HttpMessage } from "./http-message";
import styles from "./monitoring.module.css";
import { HttpStatus, OutcomeBadge } from "./outcome-badge";
import { useDeliveryCall } from "./use-delivery-call";

// Tray-style debug view of one call: its input (the request exactly as sent, token masked) beside
// its output (Intercom's status, headers and body), with what the worker decided about it.

export function CallDebugView({
  destinationId,
  callId,
  onClose,
}: {
  destinationId: string;
  callId: string;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const { data: call, error, isPending } = useDeliveryCall(destinationId, callId);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  return (
    <dialog ref={dialog} className={styles.dialog} aria-labelledby="call-debug-title" onClose={onClose}>
      <div className={styles.dialogHeader}>
        <h2 id="call-debug-title">Call {callId}</h2>
        <button type="button" className="btn btn-small" onClick={() => dialog.current?.close()} autoFocus>
          Close
        </button>
      </div>
      <div className={styles.dialogBody}>
        {isPending && <p className="muted">Loading the call…</p>}
        {error && <div className="alert alert-error">Could not load the call: {error.message}</div>}
        {call && (
          <>
            <div className={styles.stats} style={{ marginTop: 0 }}>
              <div className={styles.stat}>
                <span className={styles.statLabel}>Outcome</span>
                <span>
                  <OutcomeBadge call={call} /> <span className="field-hint">{callOutcomeOf(call).hint}</span>
                </span>
              </div>
              <div className={styles.stat}>
                <span className={styles.statLabel}>Latency</span>
                <span>{formatLatency(call.latencyMs)}</span>
              </div>
              <div className={styles.stat}>
                <span className={styles.statLabel}>Records</span>
                <span>
                  {formatSeqRange(call.firstSeq, call.lastSeq)} ({call.recordCount})
                </span>
              </div>
              <div className={styles.stat}>
                <span className={styles.statLabel}>Kind · attempt · settings</span>
                <span>
                  {KIND_LABELS[call.kind] ?? call.kind} · attempt {call.attempt} · v{call.configVersion}
                </span>
              </div>
              <div className={styles.stat}>
                <span className={styles.statLabel}>At</span>
                <span>{formatDateTime(call.createdAt)}</span>
              </div>
            </div>
            {call.errorMessage && <div className="alert alert-warning">{call.errorMessage}</div>}
            <div className={styles.io}>
              <HttpMessage
                title="Input — request"
                line={
                  <>
                    <strong>{call.method}</strong> {call.url}
                  </>
                }
                headers={call.requestHeaders}
                body={call.requestBody}
              />
              <HttpMessage
                title="Output — response"
                line={<HttpStatus status={call.responseStatus} />}
                headers={call.responseHeaders}
                body={call.responseBody}
                emptyBody={call.responseStatus === null ? "(no answer)" : "(empty body)"}
              />
            </div>
          </>
        )}
      </div>
    </dialog>
  );
}
