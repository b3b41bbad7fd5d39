// How often the destination page refreshes. While a destination is active its numbers move every
// second, so the page polls every 2.5 s; otherwise a slow poll still notices a status change made
// elsewhere (the API, another tab, the worker setting error).
export const ACTIVE_POLL_MS = 2_500;
export const IDLE_POLL_MS = 15_000;

/** `busy`: something the user started is still running (a queued replay), so poll fast anyway. */
export function pollIntervalFor(status: string | undefined, busy = false): number {
  return status === "active" || busy ? ACTIVE_POLL_MS : IDLE_POLL_MS;
}

export function destinationApiPath(destinationId: string, path: string): string {
  return `/api/v1/destinations/${encodeURIComponent(destinationId)}/${path}`;
}
