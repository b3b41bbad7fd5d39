"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useId, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { useCredentials } from "@/components/credentials/use-credentials";
import type { SourceFormProps } from "./source-form-props";
import { applyServerErrors } from "@/components/ui/apply-server-errors";
import { TextField } from "@/components/ui/text-field";
import { createIntercomSourceFormSchema, type CreateIntercomSourceFormValues } from "@/lib/sources/schemas";
import { emptyExportRange, readExportRange } from "./export-range-fields";
import { IntercomFetchFields, optionalNumber } from "./intercom-fetch-fields";
import { useCreateSource } from "./use-create-source";
import { useRunSource } from "./use-run-source";
import { FormError } from "@/components/ui/form-error";

export function CreateIntercomSourceForm({ flowId, onDone }: SourceFormProps) {
  const id = useId();
  const credentials = useCredentials();
  const form = useForm<CreateIntercomSourceFormValues>({
    resolver: zodResolver(createIntercomSourceFormSchema),
    defaultValues: {
      name: "",
      credentialId: "",
      operation: "list_contacts",
      perPage: 50,
      exportRange: emptyExportRange(),
    },
  });
  const operation = useWatch({ control: form.control, name: "operation" });
  const [runNow, setRunNow] = useState(true);
  const createSource = useCreateSource();
  const runSource = useRunSource();
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async ({ exportRange, ...values }) => {
    const range = readExportRange(exportRange);
    if ("field" in range) return form.setError(range.field, { message: range.message });
    const withRange = values.operation === "content_export" && range.range ? { exportRange: range.range } : {};
    try {
      const created = await createSource.mutateAsync({ ...values, ...withRange, kind: "intercom", flowId });
      if (runNow) await runSource.mutateAsync(created.sourceId);
      onDone();
    } catch (error) {
      applyServerErrors(
        error,
        [
          "name",
          "credentialId",
          "operation",
          "perPage",
          "scheduleMinutes",
          "exportRange.createdAtAfter",
          "exportRange.createdAtBefore",
        ],
        form.setError,
      );
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
      <IntercomFetchFields
        operation={operation}
        registrations={{
          operation: form.register("operation"),
          perPage: form.register("perPage", { setValueAs: optionalNumber }),
          createdAtAfter: form.register("exportRange.createdAtAfter"),
          createdAtBefore: form.register("exportRange.createdAtBefore"),
          scheduleMinutes: form.register("scheduleMinutes", { setValueAs: optionalNumber }),
        }}
        errors={errors}
        schedule={{ placeholder: "Leave empty to run only when asked" }}
      />
      <label className="field-hint" style={{ display: "flex", gap: 8, alignItems: "center" }}>
        <input type="checkbox" checked={runNow} onChange={(e) => setRunNow(e.target.checked)} />
        Run it once now
      </label>
      <FormError message={errors.root?.message} />
      <button type="submit" className="btn btn-primary" disabled={isSubmitting}>
        {isSubmitting ? "Creating…" : "Create Intercom source"}
      </button>
    </form>
  );
}
