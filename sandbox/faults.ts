// Fault injection for tests and demos: latency, error answers, dropped connections. Settings apply
// to one app or, without an app, to every app; an app's own setting wins over the global one.

export interface FaultSettings {
  latencyMs?: number;
  /** Fraction (0–1) of requests answered `errorStatus` in error.list form. */
  errorRate?: number;
  errorStatus?: number;
  /** Fraction (0–1) of requests whose socket is destroyed without an answer. */
  resetRate?: number;
}

export type FaultAction = { kind: "none" } | { kind: "reset" } | { kind: "error"; status: number };

export function mergeFaults(global: FaultSettings, app: FaultSettings): FaultSettings {
  return {
    latencyMs: app.latencyMs ?? global.latencyMs,
    errorRate: app.errorRate ?? global.errorRate,
    errorStatus: app.errorStatus ?? global.errorStatus,
    resetRate: app.resetRate ?? global.resetRate,
  };
}

export function decideFault(settings: FaultSettings, random: () => number = Math.random): FaultAction {
  if ((settings.resetRate ?? 0) > 0 && random() < (settings.resetRate ?? 0)) return { kind: "reset" };
  if ((settings.errorRate ?? 0) > 0 && random() < (settings.errorRate ?? 0))
    return { kind: "error", status: settings.errorStatus ?? 500 };
  return { kind: "none" };
}

export function faultMessage(status: number): string {
  if (status === 429) return "You have exceeded the rate limit. Please try again later.";
  if (status === 503) return "Service Unavailable";
  if (status >= 500) return "Server Error";
  return "Injected fault";
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
