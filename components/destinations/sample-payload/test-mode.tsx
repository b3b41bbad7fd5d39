"use client";

import { useId, useState } from "react";
import { type Path, useFormContext } from "react-hook-form";
import { LazyMonacoField } from "@/components/destinations/wizard/code-editor/lazy-monaco-field";
import { WIZARD_FIELDS, type WizardFormValues } from "@/components/destinations/wizard/form-values";
import { useWizardData } from "@/components/destinations/wizard/wizard-data";
import editorStyles from "@/components/destinations/wizard/wizard.module.css";
import { applyServerErrors } from "@/components/ui/apply-server-errors";
import { destinationConfigSchema } from "@/lib/destinations/schemas";
import { ApiRequestError } from "@/lib/query/fetch-json";
import { checkJsonText, prettyBody } from "./body-text";
import { usePreviewState } from "./preview-context";
import styles from "./sample-payload.module.css";
import { TestResultView } from "./test-result-view";
import { useSendTest } from "./use-send-test";

const SETTINGS_FIELDS = WIZARD_FIELDS.filter((field) => field !== "name") as unknown as Path<WizardFormValues>[];

/**
 * Test mode: pick one of the sample requests, edit its body, and Send Test Data. The server
 * rebuilds the request from the same settings and sends it with the connection's token.
 */
export function TestMode() {
  const selectId = useId();
  const { nexset, destinationId } = useWizardData();
  const { trigger, getValues, setError } = useFormContext<WizardFormValues>();
  const preview = usePreviewState();
  const sendTest = useSendTest(destinationId);
  const requests = preview.result?.requests ?? [];
  const [chosen, setChosen] = useState(0);
  const index = Math.min(chosen, Math.max(0, requests.length - 1));
  const request = requests[index];
  const built = prettyBody(request?.body);
  // Edits belong to the body they were made on: a settings change that rebuilds it discards them.
  const [edit, setEdit] = useState<{ base: string; text: string } | undefined>();
  const text = edit && edit.base === built ? edit.text : built;
  const edited = text !== built;
  const json =
    request?.body !== undefined && getValues("config.format") === "json" ? checkJsonText(text) : { ok: true as const };
  const [problem, setProblem] = useState<string | undefined>();

  const send = async () => {
    setProblem(undefined);
    sendTest.reset();
    if (!(await trigger(SETTINGS_FIELDS)))
      return setProblem("Fix the settings marked in the steps first. Nothing was sent.");
    if (preview.codeError)
      return setProblem(`The grouping code fails on the samples: ${preview.codeError.message}. Nothing was sent.`);
    if (!request) return setProblem("The current settings build no request from the samples. Nothing was sent.");
    if (!json.ok) return setProblem("The body is not valid JSON. Nothing was sent.");
    const values = getValues();
    try {
      await sendTest.mutateAsync({
        nexsetId: nexset.id,
        credentialId: values.credentialId,
        config: destinationConfigSchema.parse(values.config),
        requestIndex: index,
        ...(edited ? { body: text } : {}),
      });
    } catch (error) {
      setProblem(
        error instanceof ApiRequestError
          ? `${error.message} Nothing was sent.`
          : "Could not reach Flowgate. Nothing was sent.",
      );
      if (error instanceof ApiRequestError) applyServerErrors(error, SETTINGS_FIELDS, setError);
    }
  };

  if (nexset.samples.length === 0)
    return <p className="muted">This Nexset has no records yet, so there is no sample request to send.</p>;
  return (
    <div className="form-stack">
      <div className="field">
        <label htmlFor={selectId}>Sample request</label>
        <select
          id={selectId}
          className="input"
          value={index}
          onChange={(event) => setChosen(Number(event.target.value))}
          disabled={requests.length === 0}
        >
          {requests.length === 0 && <option value={0}>No request can be built yet</option>}
          {requests.map((option, i) => (
            <option key={i} value={i}>
              #{i + 1} {option.method} {option.url} (
              {option.recordIndexes.length === 1
                ? `record ${option.recordIndexes[0]! + 1}`
                : `${option.recordIndexes.length} records`}
              )
            </option>
          ))}
        </select>
      </div>
      {request && request.body !== undefined && (
        <div className="field">
          <span style={{ fontSize: 14, fontWeight: 550 }}>Body {edited && <span className="badge">edited</span>}</span>
          <div className={editorStyles.editorFrame} data-invalid={json.ok ? undefined : true}>
            <LazyMonacoField
              language="json"
              ariaLabel="Test body"
              height={220}
              value={text}
              onChange={(next) => setEdit({ base: built, text: next })}
              markers={!json.ok && json.line ? [{ line: json.line, message: json.message }] : []}
            />
          </div>
          {!json.ok && (
            <span className="field-error" role="alert">
              {json.message}
            </span>
          )}
          {edited && (
            <button
              type="button"
              className="btn btn-small"
              onClick={() => setEdit(undefined)}
              style={{ justifySelf: "start" }}
            >
              Discard edits
            </button>
          )}
        </div>
      )}
      <div className={styles.sendRow}>
        <button
          type="button"
          className="btn btn-primary"
          onClick={send}
          disabled={sendTest.isPending || !json.ok || requests.length === 0}
        >
          {sendTest.isPending ? "Sending…" : "Send Test Data"}
        </button>
        <span className="field-hint">Sends this one request to Intercom with your connection&apos;s token.</span>
      </div>
      {problem && (
        <div className="alert alert-error" role="alert">
          {problem}
        </div>
      )}
      {sendTest.data && <TestResultView result={sendTest.data} />}
    </div>
  );
}
