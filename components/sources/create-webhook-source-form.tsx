"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { SourceFormProps } from "./source-form-props";
import { applyServerErrors } from "@/components/ui/apply-server-errors";
import { TextField } from "@/components/ui/text-field";
import type { CreatedSourceView } from "@/lib/flows/source-inputs";
import { createWebhookSourceSchema, type CreateWebhookSourceInput } from "@/lib/sources/schemas";
import { useCreateSource } from "./use-create-source";
import { WebhookCreatedNotice } from "./webhook-created-notice";
import styles from "./sources.module.css";
import { FormError } from "@/components/ui/form-error";

export function CreateWebhookSourceForm({ flowId, onDone }: SourceFormProps) {
  const form = useForm<CreateWebhookSourceInput>({
    resolver: zodResolver(createWebhookSourceSchema),
    defaultValues: { name: "", signed: false },
  });
  const createSource = useCreateSource();
  const [created, setCreated] = useState<CreatedSourceView | null>(null);
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      setCreated(await createSource.mutateAsync({ ...values, kind: "webhook", flowId }));
    } catch (error) {
      applyServerErrors(error, ["name", "maxBodyBytes"], form.setError);
    }
  });

  if (created?.webhook) {
    return (
      <div className="form-stack">
        <WebhookCreatedNotice path={created.webhook.path} secret={created.webhook.secret} />
        <div className={styles.actions}>
          <Link className="btn" href={`/sources/${created.sourceId}`}>
            Open the source
          </Link>
          <button type="button" className="btn btn-primary" onClick={onDone}>
            Done
          </button>
        </div>
      </div>
    );
  }

  return (
    <form className="form-stack" onSubmit={onSubmit} noValidate>
      <TextField
        label="Source name"
        placeholder="e.g. Signup form"
        registration={form.register("name")}
        error={errors.name}
      />
      <label className="field-hint" style={{ display: "flex", gap: 8, alignItems: "center" }}>
        <input type="checkbox" {...form.register("signed")} />
        Require signed requests (Standard Webhooks HMAC); a secret is generated
      </label>
      <FormError message={errors.root?.message} />
      <button type="submit" className="btn btn-primary" disabled={isSubmitting}>
        {isSubmitting ? "Creating…" : "Create webhook"}
      </button>
    </form>
  );
}
