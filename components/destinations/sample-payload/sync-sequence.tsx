"use client";

import { useFormContext, useWatch } from "react-hook-form";
import { previewSyncCalls } from "@/lib/connectors/intercom/sync/preview-sync";
import type { BuiltRequest, DestinationRecord } from "@/lib/destinations/build-types";
import { type DestinationConfig } from "@/lib/destinations/schemas";
import { syncModeOf } from "@/lib/destinations/sync-mode";
import type { WizardFormValues } from "@/components/destinations/wizard/form-values";
import { prettyBody } from "./body-text";
import styles from "./sample-payload.module.css";

/** The watched settings a sync operation reads; undefined for a plain endpoint. */
export function useSyncConfig(): Pick<DestinationConfig, "endpointId" | "syncIdentifier" | "syncContactAttribute"> {
  const { control } = useFormContext<WizardFormValues>();
  const [endpointId, syncIdentifier, syncContactAttribute] = useWatch({
    control,
    name: ["config.endpointId", "config.syncIdentifier", "config.syncContactAttribute"],
  });
  return { endpointId, syncIdentifier, syncContactAttribute };
}

/** Under a sample request of a sync operation: every call this record may cause, and when. */
export function SyncSequence({
  request,
  record,
  config,
}: {
  request: BuiltRequest;
  record: DestinationRecord | undefined;
  config: ReturnType<typeof useSyncConfig>;
}) {
  const mode = syncModeOf(config as DestinationConfig);
  if (!mode) return null;
  const path = mode.operation.path;
  const baseUrl = request.url.endsWith(path) ? request.url.slice(0, -path.length) : request.url;
  const preview = previewSyncCalls({
    kind: mode.operation.sync.kind,
    identifier: mode.identifierFor(request.body),
    base: { baseUrl, headers: request.headers },
    body: request.body,
    contactIdentifierValue: record ? mode.contactIdentifierOf(record) : undefined,
  });
  if (preview.problem)
    return (
      <p className="alert alert-warning" role="status">
        {preview.problem}
      </p>
    );
  return (
    <ol className={styles.warnings} aria-label="Calls this record may cause" data-testid="sync-sequence">
      {preview.calls.map(({ call, when }, index) => (
        <li key={index}>
          <details>
            <summary>
              <span className={styles.method}>{call.method}</span> <code>{call.url}</code> — {when}
            </summary>
            {call.body !== undefined && <pre className={styles.body}>{prettyBody(call.body)}</pre>}
          </details>
        </li>
      ))}
    </ol>
  );
}
