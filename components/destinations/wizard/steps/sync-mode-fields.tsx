"use client";

import { useEffect, useId } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import {
  defaultSyncIdentifier,
  SYNC_IDENTIFIERS,
  type SyncIdentifier,
  type SyncOperationDefinition,
} from "@/lib/connectors/intercom/sync/sync-operations";
import type { WizardFormValues } from "../form-values";

/** The identifier a sync operation finds contacts by, and the calls one record may cause. */
export function SyncModeFields({
  operation,
  attributes,
}: {
  operation: SyncOperationDefinition;
  attributes: readonly string[];
}) {
  const identifierId = useId();
  const contactAttributeId = useId();
  const { setValue, register, control } = useFormContext<WizardFormValues>();
  const identifier = useWatch({ control, name: "config.syncIdentifier" });
  const needsIdentifier = operation.sync.identifiers.length > 0;
  const attaches = operation.sync.kind === "company_upsert_attach";

  // A freshly picked operation starts from the default: external_id when the records carry it.
  useEffect(() => {
    if (needsIdentifier && identifier === undefined)
      setValue("config.syncIdentifier", defaultSyncIdentifier(attributes), { shouldDirty: true });
  }, [needsIdentifier, identifier, attributes, setValue]);

  return (
    <div className="form-stack">
      {needsIdentifier && (
        <div className="field">
          <label htmlFor={identifierId}>{attaches ? "Find the contact by" : "Identify contacts by"}</label>
          <select
            id={identifierId}
            className="input"
            value={identifier ?? ""}
            onChange={(event) =>
              setValue("config.syncIdentifier", event.target.value as SyncIdentifier, { shouldDirty: true })
            }
          >
            {SYNC_IDENTIFIERS.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
          <span className="field-hint">
            A record whose {identifier ?? "identifier"} is missing or empty becomes an error record; nothing is sent for
            it.
          </span>
        </div>
      )}
      {attaches && (
        <div className="field">
          <label htmlFor={contactAttributeId}>
            Record attribute holding the contact&apos;s {identifier ?? "identifier"}
          </label>
          <input
            id={contactAttributeId}
            className="input"
            list={`${contactAttributeId}-list`}
            placeholder={identifier ?? "email"}
            {...register("config.syncContactAttribute")}
          />
          <datalist id={`${contactAttributeId}-list`}>
            {attributes.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        </div>
      )}
      <div className="field">
        <span className="field-label">Calls one record may cause</span>
        <ol className="field-hint" aria-label="Calls one record may cause">
          {operation.sync.sequence.map((step) => (
            <li key={step.call}>
              <code>{step.call}</code> — {step.when}
            </li>
          ))}
        </ol>
      </div>
    </div>
  );
}
