"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, useWatch } from "react-hook-form";
import { applyServerErrors } from "@/components/ui/apply-server-errors";
import {
  intercomSettingsFormSchema,
  type IntercomSettingsFormValues,
  type IntercomSourceConfig,
  type SourceDetail,
} from "@/lib/sources/schemas";
import { emptyExportRange, readExportRange } from "./export-range-fields";
import { IntercomFetchFields, optionalNumber } from "./intercom-fetch-fields";
import { useUpdateSource } from "./use-update-source";
import { FormError } from "@/components/ui/form-error";

const SERVER_FIELDS = [
  "operation",
  "perPage",
  "scheduleMinutes",
  "exportRange.createdAtAfter",
  "exportRange.createdAtBefore",
] as const;

/** Edits what an Intercom source fetches and when; the next run uses the saved settings. */
export function IntercomSettingsForm({ source, config }: { source: SourceDetail; config: IntercomSourceConfig }) {
  const update = useUpdateSource(source.id);
  const form = useForm<IntercomSettingsFormValues>({
    resolver: zodResolver(intercomSettingsFormSchema),
    defaultValues: {
      operation: config.operation,
      perPage: config.perPage,
      scheduleMinutes: source.scheduleMinutes ?? undefined,
      exportRange: emptyExportRange(config.exportRange),
    },
  });
  const { errors, isSubmitting } = form.formState;
  const operation = useWatch({ control: form.control, name: "operation" });

  const onSubmit = form.handleSubmit(async (values) => {
    const range = readExportRange(values.exportRange);
    if ("field" in range) return form.setError(range.field, { message: range.message });
    try {
      await update.mutateAsync({
        operation: values.operation,
        perPage: values.perPage,
        scheduleMinutes: values.scheduleMinutes ?? null,
        ...(values.operation === "content_export" ? { exportRange: range.range } : {}),
      });
    } catch (error) {
      applyServerErrors(error, SERVER_FIELDS, form.setError);
    }
  });

  return (
    <form className="form-stack" onSubmit={onSubmit} noValidate aria-label="Intercom source settings">
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
        schedule={{
          placeholder: "Off",
          hint: source.nextRunAt
            ? `Next run ${new Date(source.nextRunAt).toLocaleString()}.`
            : "Not scheduled; empty turns the schedule off.",
        }}
      />
      <FormError message={errors.root?.message} />
      <div>
        <button type="submit" className="btn" disabled={isSubmitting}>
          {isSubmitting ? "Saving…" : "Save settings"}
        </button>
        {update.isSuccess && Object.keys(errors).length === 0 && <span className="field-hint"> Saved.</span>}
      </div>
    </form>
  );
}
