"use client";

import { useId, useState } from "react";
import { Controller, useFormContext, useWatch } from "react-hook-form";
import { ConnectIntercomForm } from "@/components/credentials/connect-intercom-form";
import { CredentialForm } from "@/components/credentials/credential-form";
import { ReconnectButton } from "@/components/credentials/reconnect-button";
import { TestConnectionResultView } from "@/components/credentials/test-connection-result";
import { useCredentials } from "@/components/credentials/use-credentials";
import { useTestCredential } from "@/components/credentials/use-test-credential";
import type { TestConnectionResult } from "@/lib/credentials/schemas";
import type { WizardFormValues } from "../form-values";
import { useSelectedCredential, useWizardData } from "../wizard-data";
import { saveWizardDraft, wizardDraftScope } from "../wizard-draft";
import styles from "../wizard.module.css";
import { PersonalToNotice } from "./personal-to-notice";

export function CredentialStep() {
  const selectId = useId();
  const { control, setValue, getValues } = useFormContext<WizardFormValues>();
  const data = useWizardData();
  const keepDraft = () => saveWizardDraft(wizardDraftScope(data), getValues());
  const credentials = useCredentials();
  const { credential, baseUrl } = useSelectedCredential();
  const credentialId = useWatch<WizardFormValues, "credentialId">({ control, name: "credentialId" });
  const testCredential = useTestCredential();
  const [creating, setCreating] = useState<"token" | "oauth" | false>(false);
  const [tested, setTested] = useState<TestConnectionResult | undefined>();
  const list = credentials.data ?? [];
  const showTokenForm = creating === "token" || (creating === false && credentials.isSuccess && list.length === 0);
  const personal = data.personalCredential;

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
              {personal && (
                <option value={personal.id} disabled>
                  Personal to {personal.personalTo}
                </option>
              )}
              {list.map((option) => (
                <option key={option.id} value={option.id}>
                  {option.name} — {option.regionName}
                  {option.workspaceName ? ` · ${option.workspaceName}` : ""}
                  {option.oauthKind === "personal" ? " · personal" : ""}
                  {option.needsReconnect ? " · needs reconnecting" : ""}
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
      {personal && credentialId === personal.id && <PersonalToNotice personalTo={personal.personalTo} />}
      {credential && (
        <div className="form-stack">
          {credential.needsReconnect && (
            <div className="alert alert-error" role="alert">
              This connection needs reconnecting: {credential.needsReconnectReason ?? "Intercom refused its token"}.{" "}
              <ReconnectButton credentialId={credential.id} onBeforeLeave={keepDraft} />
            </div>
          )}
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
      {creating === false && (
        <div>
          <button type="button" className="btn" onClick={() => setCreating("oauth")}>
            Connect with Intercom
          </button>{" "}
          <button type="button" className="btn" onClick={() => setCreating("token")}>
            + New connection with an access token
          </button>
        </div>
      )}
      {creating === "oauth" && (
        <div className={styles.inlineCard}>
          <h3 className="card-title">Connect with Intercom</h3>
          <p className="card-description">
            Intercom asks you to authorize access, then brings you back here with the connection selected; what you
            entered in this wizard is kept.
          </p>
          <ConnectIntercomForm onBeforeLeave={keepDraft} onCancel={() => setCreating(false)} />
        </div>
      )}
      {showTokenForm && (
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
