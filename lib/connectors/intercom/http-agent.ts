import { Agent } from "undici";
import { createGuardedConnector, intercomOutboundPolicy } from "./outbound-guard";

// One keep-alive dispatcher for every Intercom call in the process. undici's Agent keeps a Pool
// per origin (api.intercom.io, api.eu.intercom.io, the sandbox …), so connections are reused
// across destinations, sources and test sends. undici's request() never follows redirects.

export const CONNECT_TIMEOUT_MS = 10_000;
export const HEADERS_TIMEOUT_MS = 30_000;
export const BODY_TIMEOUT_MS = 30_000;

const holder = globalThis as unknown as { flowgateIntercomAgent?: Agent };

export function intercomDispatcher(): Agent {
  holder.flowgateIntercomAgent ??= new Agent({
    connections: connectionsPerOrigin(),
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 120_000,
    headersTimeout: HEADERS_TIMEOUT_MS,
    bodyTimeout: BODY_TIMEOUT_MS,
    // Security: every connection goes through the outbound guard (Intercom hosts or the configured
    // sandbox only; no private, loopback or link-local addresses). See outbound-guard.ts.
    connect: createGuardedConnector(intercomOutboundPolicy(), { timeout: CONNECT_TIMEOUT_MS }),
  });
  return holder.flowgateIntercomAgent;
}

// A destination keeps as many calls in flight as its budget needs at the observed answer time (up to
// FLOWGATE_DELIVERY_CONCURRENCY); each needs its own connection, so the pool must not be the cap.
const DEFAULT_CONNECTIONS_PER_ORIGIN = 1024;

function connectionsPerOrigin(): number {
  const configured = Number(process.env.INTERCOM_MAX_CONNECTIONS_PER_ORIGIN);
  return Number.isInteger(configured) && configured > 0 ? configured : DEFAULT_CONNECTIONS_PER_ORIGIN;
}

/** Closes pooled connections (graceful shutdown, end of a test file). */
export async function closeIntercomDispatcher(): Promise<void> {
  const agent = holder.flowgateIntercomAgent;
  holder.flowgateIntercomAgent = undefined;
  await agent?.close();
}
