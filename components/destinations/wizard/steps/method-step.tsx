"use client";

import { useFormContext } from "react-hook-form";
import { HTTP_METHODS } from "@/lib/connectors/types";
import { errorAt, type WizardFormValues } from "../form-values";
import styles from "../wizard.module.css";

const DESCRIPTIONS: Record<(typeof HTTP_METHODS)[number], string> = {
  GET: "Look something up (its answers can feed a response webhook)",
  POST: "Create: contacts, conversations, events, notes…",
  PUT: "Update: Intercom updates contacts and companies with PUT",
  PATCH: "Partial update (few Intercom endpoints take it)",
  DELETE: "Delete or archive",
};

export function MethodStep() {
  const { register, formState } = useFormContext<WizardFormValues>();
  const error = errorAt(formState.errors, "config.method");
  return (
    <fieldset className="field" style={{ border: 0, padding: 0, margin: 0 }}>
      <legend className="visually-hidden">HTTP method</legend>
      <div className={styles.choiceStack}>
        {HTTP_METHODS.map((method) => (
          <label key={method} className={styles.choice}>
            <input type="radio" value={method} {...register("config.method")} />
            <span className={styles.choiceText}>
              <strong>{method}</strong>
              <span className={styles.choiceHint}>{DESCRIPTIONS[method]}</span>
            </span>
          </label>
        ))}
      </div>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </fieldset>
  );
}
