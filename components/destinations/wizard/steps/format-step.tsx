"use client";

import { useFormContext } from "react-hook-form";
import { intercomConnector } from "@/lib/connectors/intercom/definition";
import { errorAt, type WizardFormValues } from "../form-values";
import styles from "../wizard.module.css";

/** The connector's formats are data: Intercom has JSON; other connectors can list more. */
export function FormatStep() {
  const { register, formState } = useFormContext<WizardFormValues>();
  const error = errorAt(formState.errors, "config.format");
  return (
    <fieldset className="field" style={{ border: 0, padding: 0, margin: 0 }}>
      <legend className="visually-hidden">Content format</legend>
      <div className={styles.choiceStack}>
        {intercomConnector.contentFormats.map((format) => (
          <label key={format.id} className={styles.choice}>
            <input type="radio" value={format.id} {...register("config.format")} />
            <span className={styles.choiceText}>
              <strong>{format.name}</strong>
              <span className={styles.choiceHint}>
                Sent as <code>{format.mediaType}</code>
              </span>
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
