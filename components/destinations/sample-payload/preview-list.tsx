"use client";

import { usePreviewState } from "./preview-context";
import { RequestCard } from "./request-card";
import styles from "./sample-payload.module.css";
import { SyncSequence, useSyncConfig } from "./sync-sequence";
import { useWizardData } from "@/components/destinations/wizard/wizard-data";

const SHOWN = 50;

export function PreviewList({ sampleCount }: { sampleCount: number }) {
  const preview = usePreviewState();
  const syncConfig = useSyncConfig();
  const { nexset } = useWizardData();
  const requests = preview.result?.requests ?? [];
  const recordErrors = preview.result?.recordErrors ?? [];

  if (sampleCount === 0)
    return (
      <p className="muted">
        This Nexset has no records yet, so there is nothing to preview. Send it some records first.
      </p>
    );
  return (
    <div className={styles.previewList} aria-busy={preview.pending} data-revision={preview.revision}>
      {preview.issues.length > 0 && (
        <div className="alert alert-warning" role="status">
          <strong>Nothing can be built yet:</strong>
          <ul className={styles.issueList}>
            {preview.issues.map((issue) => (
              <li key={`${issue.path}:${issue.message}`}>{issue.message}</li>
            ))}
          </ul>
        </div>
      )}
      {preview.result && (
        <p className={styles.count} role="status">
          {requests.length} request{requests.length === 1 ? "" : "s"} from {sampleCount} sample record
          {sampleCount === 1 ? "" : "s"}
          {recordErrors.length > 0
            ? ` · ${recordErrors.length} record error${recordErrors.length === 1 ? "" : "s"}`
            : ""}
        </p>
      )}
      {recordErrors.length > 0 && (
        <ul className={`alert alert-error ${styles.issueList}`} aria-label="Record errors">
          {recordErrors.slice(0, SHOWN).map((error) => (
            <li key={`${error.index}:${error.message}`}>
              Record {error.index + 1}: {error.message}
            </li>
          ))}
        </ul>
      )}
      {requests.slice(0, SHOWN).map((request, index) => (
        <div key={index}>
          <RequestCard request={request} index={index} open={index === 0} />
          <SyncSequence request={request} record={nexset.samples[request.recordIndexes[0] ?? 0]} config={syncConfig} />
        </div>
      ))}
      {requests.length > SHOWN && <p className="muted">…and {requests.length - SHOWN} more.</p>}
    </div>
  );
}
