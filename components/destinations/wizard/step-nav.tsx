"use client";

import { useFormState } from "react-hook-form";
import { WIZARD_STEPS } from "@/lib/destinations/schemas";
import { errorAt, type WizardFormValues } from "./form-values";
import styles from "./wizard.module.css";

export function StepNav({ current, onSelect }: { current: number; onSelect: (index: number) => void }) {
  const { errors } = useFormState<WizardFormValues>();
  return (
    <nav aria-label="Wizard steps">
      <ol className={styles.steps}>
        {WIZARD_STEPS.map((step, index) => {
          const hasError = step.id !== "review" && step.fields.some((field) => errorAt(errors, field) !== undefined);
          return (
            <li key={step.id}>
              <button
                type="button"
                className={styles.stepButton}
                aria-current={index === current ? "step" : undefined}
                onClick={() => onSelect(index)}
              >
                <span className={styles.stepNumber}>{index + 1}</span>
                {step.title}
                {hasError && (
                  <span className={styles.stepError} aria-label="has errors">
                    !
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
