import type { FieldError, UseFormRegisterReturn } from "react-hook-form";
import { TextField } from "@/components/ui/text-field";
import { exportRangeSchema, type ExportRange } from "@/lib/sources/schemas";

/** The two boxes as typed; both empty means "each run exports from where the last one ended". */
export interface ExportRangeFieldValues {
  createdAtAfter: string;
  createdAtBefore: string;
}
type RangeField = `exportRange.${keyof ExportRangeFieldValues}`;

export const emptyExportRange = (range?: ExportRange | null): ExportRangeFieldValues => ({
  createdAtAfter: range?.createdAtAfter ?? "",
  createdAtBefore: range?.createdAtBefore ?? "",
});

/** Both boxes empty → no range (null); otherwise the range must be valid, or the problem names its box. */
export function readExportRange(
  fields: ExportRangeFieldValues,
): { range: ExportRange | null } | { field: RangeField; message: string } {
  if (fields.createdAtAfter.trim() === "" && fields.createdAtBefore.trim() === "") return { range: null };
  const parsed = exportRangeSchema.safeParse(fields);
  if (parsed.success) return { range: parsed.data };
  const issue = parsed.error.issues[0];
  const key = issue?.path[0] === "createdAtAfter" ? "createdAtAfter" : "createdAtBefore";
  return { field: `exportRange.${key}`, message: issue?.message ?? "Enter a valid range" };
}

interface ExportRangeFieldsProps {
  after: UseFormRegisterReturn;
  before: UseFormRegisterReturn;
  errors?: { createdAtAfter?: FieldError; createdAtBefore?: FieldError };
}

/** Created after / Created before of a content export (Intercom's created_at_after / created_at_before). */
export function ExportRangeFields({ after, before, errors }: ExportRangeFieldsProps) {
  return (
    <div className="form-row">
      <TextField
        label="Created after"
        placeholder="2025-01-01"
        hint="Leave both empty to export from where the last run ended."
        registration={after}
        error={errors?.createdAtAfter}
      />
      <TextField
        label="Created before"
        placeholder="2025-02-01"
        registration={before}
        error={errors?.createdAtBefore}
      />
    </div>
  );
}
