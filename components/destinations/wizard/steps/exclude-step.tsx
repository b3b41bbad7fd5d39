"use client";

import { useId } from "react";
import { useController, useFormContext } from "react-hook-form";
import type { WizardFormValues } from "../form-values";
import { useWizardData } from "../wizard-data";
import styles from "../wizard.module.css";

/** A multi-select of the Nexset's attributes, the chosen ones shown as chips with ×. */
export function ExcludeStep() {
  const selectId = useId();
  const { nexset } = useWizardData();
  const { control } = useFormContext<WizardFormValues>();
  const { field, fieldState } = useController({ control, name: "config.excludedAttributes" });
  const excluded = field.value ?? [];
  const available = nexset.attributes.filter((name) => !excluded.includes(name));
  const set = (next: string[]) => {
    field.onChange(next);
    field.onBlur();
  };

  return (
    <div className="form-stack">
      <div className="field">
        <label htmlFor={selectId}>Exclude an attribute</label>
        <select
          id={selectId}
          className="input"
          value=""
          disabled={available.length === 0}
          onChange={(event) => {
            if (event.target.value) set([...excluded, event.target.value]);
          }}
        >
          <option value="">
            {available.length === 0 ? "Every attribute is excluded" : "Choose an attribute to leave out…"}
          </option>
          {available.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
        <span className="field-hint">
          Excluded attributes are left out of the body; URL placeholders can still use them.
        </span>
      </div>
      <div className="field">
        <span id={`${selectId}-chips`} className="field-hint">
          Excluded ({excluded.length})
        </span>
        <ul className={styles.chips} aria-labelledby={`${selectId}-chips`}>
          {excluded.map((name) => (
            <li key={name} className={styles.chip}>
              {name}
              <button
                type="button"
                className={styles.chipRemove}
                aria-label={`Remove ${name}`}
                onClick={() => set(excluded.filter((n) => n !== name))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        {fieldState.error?.message && (
          <span className="field-error" role="alert">
            {fieldState.error.message}
          </span>
        )}
      </div>
    </div>
  );
}
