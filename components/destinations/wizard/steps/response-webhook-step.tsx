"use client";

import { useFormContext } from "react-hook-form";
import type { WizardFormValues } from "../form-values";
import styles from "../wizard.module.css";

export function ResponseWebhookStep() {
  const { register } = useFormContext<WizardFormValues>();
  return (
    <label className={styles.choice}>
      <input type="checkbox" {...register("config.responseWebhook.enabled")} />
      <span className={styles.choiceText}>
        <strong>Send each API response to a new webhook source</strong>
        <span className={styles.choiceHint}>
          Intercom&apos;s answers (the ids it created, its errors) become a Nexset of their own, which can feed further
          destinations. Created when you save.
        </span>
      </span>
    </label>
  );
}
