"use client";

import { useId } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { TextField } from "@/components/ui/text-field";
import { MAX_BATCH_SIZE } from "@/lib/destinations/schemas";
import { errorAt, type WizardFormValues } from "../form-values";
import styles from "../wizard.module.css";
import { CodeField } from "./code-field";

const ALGORITHMS = [
  { id: "json_array", name: "JSON array", hint: "The body is a list of the records: [{…}, {…}]" },
  {
    id: "json_object_property",
    name: "Property inside a JSON object",
    hint: 'The records go in one property, beside other fields: {"contacts": [...], …}',
  },
  { id: "code", name: "Code", hint: "A JavaScript function builds the body from the records" },
] as const;

export function BatchingStep() {
  const otherPropsId = useId();
  const { register, control, formState } = useFormContext<WizardFormValues>();
  const [enabled, algorithm] = useWatch({ control, name: ["config.batching.enabled", "config.batching.algorithm"] });
  const otherPropsError = errorAt(formState.errors, "config.batching.otherPropsJson");
  const algorithmError = errorAt(formState.errors, "config.batching.algorithm");

  return (
    <div className="form-stack">
      <label className={styles.choice}>
        <input type="checkbox" {...register("config.batching.enabled")} />
        <span className={styles.choiceText}>
          <strong>Send records in batches</strong>
          <span className={styles.choiceHint}>
            Off: one request per record. On: many records per request (a bulk endpoint, or your own body).
          </span>
        </span>
      </label>
      {enabled && (
        <>
          <TextField
            label="Batch size"
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_BATCH_SIZE}
            hint={`Records per request, 1 to ${MAX_BATCH_SIZE.toLocaleString("en-US")}.`}
            registration={register("config.batching.size", { valueAsNumber: true })}
            error={{ message: errorAt(formState.errors, "config.batching.size") }}
          />
          <fieldset className="field" style={{ border: 0, padding: 0, margin: 0 }}>
            <legend style={{ fontSize: 14, fontWeight: 550, marginBottom: 6 }}>Grouping algorithm</legend>
            <div className={styles.choiceStack}>
              {ALGORITHMS.map((option) => (
                <label key={option.id} className={styles.choice}>
                  <input type="radio" value={option.id} {...register("config.batching.algorithm")} />
                  <span className={styles.choiceText}>
                    <strong>{option.name}</strong>
                    <span className={styles.choiceHint}>{option.hint}</span>
                  </span>
                </label>
              ))}
            </div>
            {algorithmError && <span className="field-error">{algorithmError}</span>}
          </fieldset>
          {algorithm === "json_object_property" && (
            <>
              <TextField
                label="Property name"
                className="input-mono"
                placeholder="contacts"
                registration={register("config.batching.propertyName")}
                error={{ message: errorAt(formState.errors, "config.batching.propertyName") }}
              />
              <div className="field">
                <label htmlFor={otherPropsId}>Other props (JSON object)</label>
                <textarea
                  id={otherPropsId}
                  className={`input ${styles.textarea}`}
                  placeholder='{"source": "flowgate"}'
                  spellCheck={false}
                  aria-invalid={otherPropsError ? true : undefined}
                  {...register("config.batching.otherPropsJson")}
                />
                <span className="field-hint">Sent beside the records in every request. Leave empty for none.</span>
                {otherPropsError && (
                  <span className="field-error" role="alert">
                    {otherPropsError}
                  </span>
                )}
              </div>
            </>
          )}
          {algorithm === "code" && <CodeField />}
        </>
      )}
    </div>
  );
}
