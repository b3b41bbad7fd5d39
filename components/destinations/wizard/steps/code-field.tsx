"use client";

import { useId } from "react";
import { useController, useFormContext } from "react-hook-form";
import { usePreviewState } from "@/components/destinations/sample-payload/preview-context";
import { STARTER_GROUPING_CODE } from "@/lib/code-sandbox/starter-code";
import type { WizardFormValues } from "../form-values";
import { LazyMonacoField } from "../code-editor/lazy-monaco-field";
import styles from "../wizard.module.css";

/**
 * The grouping function in Monaco. Its errors come from the sandbox the worker uses: the schema's
 * (empty code) or the preview build's (syntax error, a throw, a time-out), with the line marked.
 */
export function CodeField() {
  const labelId = useId();
  const { control } = useFormContext<WizardFormValues>();
  const { field, fieldState } = useController({ control, name: "config.batching.code" });
  const preview = usePreviewState();
  const message = fieldState.error?.message ?? preview.codeError?.message;
  const line = preview.codeError?.line;

  return (
    <div className="field">
      <span id={labelId} className="field-label" style={{ fontSize: 14, fontWeight: 550 }}>
        Grouping code
      </span>
      <div
        className={styles.editorFrame}
        data-invalid={message ? true : undefined}
        aria-labelledby={labelId}
        role="group"
      >
        <LazyMonacoField
          language="javascript"
          ariaLabel="Grouping code"
          value={field.value ?? ""}
          onChange={field.onChange}
          onBlur={field.onBlur}
          markers={message && line ? [{ line, message }] : []}
        />
      </div>
      <span className="field-hint">
        <code>(records, context) =&gt; body</code>, run in a QuickJS sandbox (1 s, 32 MB, no network) — the same one the
        worker uses.{" "}
        <button type="button" className="btn btn-small" onClick={() => field.onChange(STARTER_GROUPING_CODE)}>
          Reset to template
        </button>
      </span>
      {message && (
        <span className="field-error" role="alert">
          {message}
        </span>
      )}
    </div>
  );
}
