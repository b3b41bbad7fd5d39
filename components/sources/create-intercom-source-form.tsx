"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import { useCredentials } from "@/components/credentials/use-credentials";
import type { SourceFormProps } from "./source-form-props";
import { applyServerErrors } from "@/components/ui/apply-server-errors";
import { TextField } from "@/components/ui/text-field";
import { createIntercomSourceSchema, type CreateIntercomSourceInput } from "@/lib/sources/schemas";
import { INTERCOM_OPERATION_LABELS } from "./intercom-operations";
import { useCreateSource } from "./use-create-source";
import { useRunSource } from "./use-run-source";

const optionalNumber = (value: unknown) =>
  value === "" || value === null || value === undefined ? undefined : Number(value);

export function CreateIntercomSourceForm({ flowId, onDone }: SourceFormProps) {
  const id = useId();
  const credentials = useCredentials();
  const form = useForm<CreateIntercomSourceInput>({
    resolver: zodResolver(createIntercomSourceSchema),
    defaultValues: { name: "", credentialId: "", operation: "list_contacts", perPage: 50 },
  });
  const [runNow, setRunNow] = useState(true);
  const createSource = useCreateSource();
  const runSource = useRunSource();
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const created = await createSource.mutateAsync({ ...values, kind: "intercom", flowId });
      if (runNow) await runSource.mutateAsync(created.sourceId);
      onDone();
    } catch (error) {
      applyServerErrors(error, ["name", "credentialId", "operation", "perPage", "scheduleMinutes"], form.setError);
    }
  });

  const options = credentials.data ?? [];
  return (
    <form className="form-stack" onSubmit={onSubmit} noValidate>
      <TextField
        label="Source name"
        placeholder="e.g. All contacts"
        registration={form.register("name")}
        error={errors.name}
      />
      <div className="field">
        <label htmlFor={`${id}-credential`}>Intercom connection</label>
        <select
          id={`${id}-credential`}
          className="input"
          aria-invalid={errors.credentialId ? true : undefined}
          {...form.register("credentialId")}
        >
          <option value="">{credentials.isPending ? "Loading…" : "Choose a connection"}</option>
          {options.map((credential) => (
            <option key={credential.id} value={credential.id}>
              {credential.name} ({credential.regionName}
              {credential.workspaceName ? `, ${credential.workspaceName}` : ""})
            </option>
          ))}
        </select>
        {!credentials.isPending && options.length === 0 && (
          <span className="field-hint">
            No connections yet: <Link href="/credentials">add an Intercom connection</Link> first.
          </span>
        )}
        {errors.credentialId?.message && <span className="field-error">{errors.credentialId.message}</span>}
      </div>
      <div className="field">
        <label htmlFor={`${id}-operation`}>Operation</label>
        <select id={`${id}-operation`} className="input" {...form.register("operation")}>
          {Object.entries(INTERCOM_OPERATION_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <TextField
        label="Records per page (per_page)"
        type="number"
        min={1}
        max={150}
        registration={form.register("perPage", { setValueAs: optionalNumber })}
        error={errors.perPage}
      />
      <TextField
        label="Run every N minutes"
        type="number"
        min={1}
        placeholder="Leave empty to run only when asked"
        registration={form.register("scheduleMinutes", { setValueAs: optionalNumber })}
        error={errors.scheduleMinutes}
      />
      <label className="field-hint" style={{ display: "flex", gap: 8, alignItems: "center" }}>
        <input type="checkbox" checked={runNow} onChange={(e) => setRunNow(e.target.checked)} />
        Run it once now
      </label>
      {errors.root?.message && (
        <div className="alert alert-error" role="alert">
          {errors.root.message}
        </div>
      )}
      <button type="submit" className="btn btn-primary" disabled={isSubmitting}>
        {isSubmitting ? "Creating…" : "Create Intercom source"}
      </button>
    </form>
  );
}
