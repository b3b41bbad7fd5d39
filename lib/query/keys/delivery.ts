import { destinationKeys } from "./destinations";

// Query keys for a destination's delivery: status changes, monitoring and error records. Every key
// of one destination starts with deliveryKeys.destination(id), itself under the destination's
// detail key, so a saved edit (which invalidates destinationKeys.detail) refreshes the monitoring
// too, and a mutation here can refresh all of it or exactly the part it changed.
export interface CallFilters {
  outcome?: string;
  kind?: string;
  recordOutcome?: string;
}

export const deliveryKeys = {
  destination: (destinationId: string) => [...destinationKeys.detail(destinationId), "delivery"] as const,
  progress: (destinationId: string) => [...deliveryKeys.destination(destinationId), "progress"] as const,
  timeline: (destinationId: string, minutes: number) =>
    [...deliveryKeys.destination(destinationId), "timeline", minutes] as const,
  rateLimit: (destinationId: string) => [...deliveryKeys.destination(destinationId), "rate-limit"] as const,
  calls: (destinationId: string) => [...deliveryKeys.destination(destinationId), "calls"] as const,
  callPage: (destinationId: string, filters: CallFilters, cursor: string | null) =>
    [...deliveryKeys.calls(destinationId), "page", filters, cursor] as const,
  call: (destinationId: string, callId: string) => [...deliveryKeys.calls(destinationId), "detail", callId] as const,
  errors: (destinationId: string) => [...deliveryKeys.destination(destinationId), "errors"] as const,
  errorPage: (destinationId: string, status: string) =>
    [...deliveryKeys.errors(destinationId), "page", status] as const,
};
