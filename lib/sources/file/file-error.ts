import { DomainError } from "@/lib/errors";

/**
 * A file that cannot be ingested. The message names the line (1-based, as an editor shows it)
 * and the reason, and never echoes more than a character or two of the file's content.
 */
export function fileError(reason: string, line?: number, column?: number): DomainError {
  const where = line === undefined ? "" : column === undefined ? `line ${line}: ` : `line ${line}, column ${column}: `;
  return new DomainError("invalid_file", `${where}${reason}`, {
    status: 400,
    field: "file",
    details: line === undefined ? undefined : { line, column },
  });
}
