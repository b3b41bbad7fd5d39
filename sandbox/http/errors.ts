// Intercom answers every failure with the same envelope: {"type":"error.list","request_id",errors:[…]}.
// Handlers throw IntercomError; the pipeline renders it, so no handler writes an error body itself.

export interface ErrorItem {
  code: string;
  message: string;
  field?: string;
}

export class IntercomError extends Error {
  readonly status: number;
  readonly errors: ErrorItem[];

  constructor(status: number, code: string, message: string, extra: ErrorItem[] = []) {
    super(message);
    this.status = status;
    this.errors = [{ code, message }, ...extra];
  }

  static fromItems(status: number, items: ErrorItem[]): IntercomError {
    const [first, ...rest] = items;
    const error = new IntercomError(status, first?.code ?? "parameter_invalid", first?.message ?? "Invalid request");
    error.errors.splice(0, error.errors.length, ...(first ? [first] : []), ...rest);
    return error;
  }
}

export interface ErrorListBody {
  type: "error.list";
  request_id: string;
  errors: ErrorItem[];
}

export function buildErrorList(requestId: string, errors: ErrorItem[]): ErrorListBody {
  return { type: "error.list", request_id: requestId, errors };
}

export const resourceNotFound = (): IntercomError => new IntercomError(404, "not_found", "Resource Not Found");
export const userNotFound = (): IntercomError => new IntercomError(404, "not_found", "User Not Found");
export const companyNotFound = (): IntercomError => new IntercomError(404, "company_not_found", "Company Not Found");

export const parameterInvalid = (message: string): IntercomError =>
  new IntercomError(400, "parameter_invalid", message);
export const parameterNotFound = (message: string): IntercomError =>
  new IntercomError(400, "parameter_not_found", message);

export function codeForStatus(status: number): string {
  if (status === 429) return "rate_limit_exceeded";
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  if (status === 404) return "not_found";
  if (status === 503) return "service_unavailable";
  if (status >= 500) return "server_error";
  return "parameter_invalid";
}
