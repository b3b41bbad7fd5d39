import { useId } from "react";
import type { FieldError, UseFormRegisterReturn } from "react-hook-form";
import { TextField } from "@/components/ui/text-field";
import type { IntercomSourceOperation } from "@/lib/sources/schemas";
import { ExportRangeFields } from "./export-range-fields";
import { INTERCOM_OPERATION_LABELS } from "./intercom-operations";

/** For number inputs: an empty box is "not set" rather than 0. */
export const optionalNumber = (value: unknown) =>
  value === "" || value === null || value === undefined ? undefined : Number(value);

interface IntercomFetchFieldsProps {
  operation: IntercomSourceOperation;
  registrations: Record<
    "operation" | "perPage" | "createdAtAfter" | "createdAtBefore" | "scheduleMinutes",
    UseFormRegisterReturn
  >;
  errors: {
    perPage?: FieldError;
    scheduleMinutes?: FieldError;
    exportRange?: { createdAtAfter?: FieldError; createdAtBefore?: FieldError };
  };
  schedule: { placeholder: string; hint?: string };
}

/** What an Intercom source fetches (operation, then page size or a content export's range) and how often. */
export function IntercomFetchFields({ operation, registrations, errors, schedule }: IntercomFetchFieldsProps) {
  const id = useId();
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-operation`}>Operation</label>
        <select id={`${id}-operation`} className="input" {...registrations.operation}>
          {Object.entries(INTERCOM_OPERATION_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      {operation === "content_export" ? (
        <ExportRangeFields
          after={registrations.createdAtAfter}
          before={registrations.createdAtBefore}
          errors={errors.exportRange}
        />
      ) : (
        <TextField
          label="Records per page (per_page)"
          type="number"
          min={1}
          max={150}
          registration={registrations.perPage}
          error={errors.perPage}
        />
      )}
      <TextField
        label="Run every N minutes"
        type="number"
        min={1}
        placeholder={schedule.placeholder}
        hint={schedule.hint}
        registration={registrations.scheduleMinutes}
        error={errors.scheduleMinutes}
      />
    </>
  );
}
