"use client";

import { useId, useState } from "react";
import { Controller, useFormContext } from "react-hook-form";
import { CredentialForm } from "@/components/credentials/credential-form";
import { TestConnectionResultView } from "@/components/credentials/test-connection-result";
import { useCredentials } from "@/components/credentials/use-credentials";
import { useTestCredential } from "@/components/credentials/use-test-credential";
import type { TestConnectionResult } from "@/lib/credentials/schemas";
import type { WizardFormValues } from "../form-values";
import { useSelectedCredential } from "../wizard-data";
import styles from "../wizard.module.css";

export function CredentialStep() {
  const selectId = useId();
  const { control, setValue } = useFormContext<WizardFormValues>();
  const credentials = useCredentials();
  const { credential, baseUrl } = useSelectedCredential();
  const testCredential = useTestCredential();
  const [creating, setCreating] = useState(false);
  const [tested, setTested] = useState<TestConnectionResult | undefined>();
  const list = credentials.data ?? [];
  const showForm = creating || (credentials.isSuccess && list.length === 0);

  return (
    <div className="form-stack">
      <Controller
        control={control}
        name="credentialId"
        render={({ field, fieldState }) => (
          <div className="field">
            <label htmlFor={selectId}>Intercom connection</label>
            <select
              id={selectId}
              className="input"
              value={field.value ?? ""}
              onChange={(event) => {
                field.onChange(event.target.value);
                setTested(undefined);
              }}
              onBlur={field.onBlur}
              aria-invalid={fieldState.error ? true : undefined}
            >
              <option value="">{credentials.isPending ? "Loading connections…" : "Choose a connection…"}</option>
              {list.map((option) => (
                <option key={option.id} value={option.id}>
                  {option.name} — {option.regionName}
                  {option.workspaceName ? ` · ${option.workspaceName}` : ""}
                </option>
              ))}
            </select>
            {fieldState.error?.message && (
              <span className="field-error" role="alert">
                {fieldState.error.message}
              </span>
            )}
          </div>
        )}
      />
      {credential && (
        <div className="form-stack">
          <dl className={styles.summary}>
            <dt>Workspace</dt>
            <dd>{credential.workspaceName ?? "—"}</dd>
            <dt>Host</dt>
            <dd>
              <code>{baseUrl ?? credential.regionName}</code>
            </dd>
            <dt>Token</dt>
            <dd>
              <code>{credential.tokenMasked}</code>
            </dd>
          </dl>
          <div>
            <button
              type="button"
              className="btn btn-small"
              disabled={testCredential.isPending}
              onClick={async () => setTested(await testCredential.mutateAsync(credential.id).catch(() => undefined))}
            >
              {testCredential.isPending ? "Testing…" : "Test connection"}
            </button>
          </div>
          {tested && <TestConnectionResultView result={tested} />}
        </div>
      )}
      {!showForm && (
        <div>
          <button type="button" className="btn" onClick={() => setCreating(true)}>
            + New connection
          </button>
        </div>
      )}
      {showForm && (
        <div className={styles.inlineCard}>
          <h3 className="card-title">New Intercom connection</h3>
          <p className="card-description">
            Checked with Intercom&apos;s GET /me, then stored encrypted. Choose “Local sandbox” to try without Intercom.
          </p>
          <CredentialForm
            onCreated={(created) => {
              setValue("credentialId", created.id, { shouldValidate: true, shouldDirty: true });
              setCreating(false);
            }}
            onCancel={list.length > 0 ? () => setCreating(false) : undefined}
          />
        </div>
      )}
    </div>
  );
}
