import type { IntercomSourceOperation } from "@/lib/sources/schemas";

export const INTERCOM_OPERATION_LABELS: Record<IntercomSourceOperation, string> = {
  list_contacts: "List contacts",
  list_companies: "List companies",
  content_export: "Content data export",
};
