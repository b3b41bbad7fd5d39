import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import { ApiRequestError } from "@/lib/query/fetch-json";

/**
 * Puts a failed request's errors where the person will look: each issue on its field when the
 * form has that field, anything else in the form's root error.
 */
export function applyServerErrors<T extends FieldValues>(
  error: unknown,
  fields: readonly Path<T>[],
  setError: UseFormSetError<T>,
): void {
  if (!(error instanceof ApiRequestError)) {
    setError("root", { message: "Could not reach Flowgate. Check your connection and try again." });
    return;
  }
  let placed = false;
  for (const issue of error.issues) {
    const field = fields.find((f) => f === issue.path);
    if (field) {
      setError(field, { message: issue.message });
      placed = true;
    }
  }
  if (!placed) setError("root", { message: error.message });
}
