import { tooManyRequests } from "@/lib/errors";
import { isLimitReached, limiterFor, logLimiterOutage, retryAfterSeconds, type LimiterRule } from "./redis-limiter";

// Requests that cost someone else something: a sign-up creates an organisation, Test connection
// and Send Test make the server call Intercom. Each is counted per organisation (when signed in)
// and per client address, in fixed windows shared by every web process.

export type ThrottledAction = "sign_up" | "test_connection" | "send_test";

interface ActionLimits {
  describe: string;
  perOrganisation?: Omit<LimiterRule, "name">;
  perAddress: Omit<LimiterRule, "name">;
}

function signUpsPerHour(): number {
  const raw = process.env.FLOWGATE_SIGN_UPS_PER_HOUR?.trim();
  const value = raw ? Number(raw) : 10;
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`FLOWGATE_SIGN_UPS_PER_HOUR must be a whole number above 0 (got "${raw}").`);
  return value;
}

export const requestLimits = (): Record<ThrottledAction, ActionLimits> => ({
  sign_up: { describe: "Too many sign-ups", perAddress: { points: signUpsPerHour(), durationSeconds: 60 * 60 } },
  test_connection: {
    describe: "Too many connection tests",
    perOrganisation: { points: 30, durationSeconds: 60 },
    perAddress: { points: 60, durationSeconds: 60 },
  },
  send_test: {
    describe: "Too many test sends",
    perOrganisation: { points: 60, durationSeconds: 60 },
    perAddress: { points: 120, durationSeconds: 60 },
  },
});

async function consumeOrRefuse(rule: LimiterRule, key: string, refusal: string): Promise<void> {
  try {
    await (await limiterFor(rule)).consume(key);
  } catch (error) {
    if (isLimitReached(error)) throw tooManyRequests(refusal, retryAfterSeconds(error));
    logLimiterOutage(error, rule.name);
  }
}

/** Counts one request; throws a 429 (with Retry-After) when the organisation or the address is over. */
export async function throttleRequest(
  action: ThrottledAction,
  who: { organisationId?: string; address: string },
): Promise<void> {
  const limits = requestLimits()[action];
  if (limits.perOrganisation && who.organisationId)
    await consumeOrRefuse(
      { name: `${action}:org`, ...limits.perOrganisation },
      who.organisationId,
      `${limits.describe} for this organisation`,
    );
  await consumeOrRefuse(
    { name: `${action}:address`, ...limits.perAddress },
    who.address,
    `${limits.describe} from this address`,
  );
}

/** Webhook calls per source: a flood on one URL is refused before its body is read. */
export const WEBHOOK_CALLS_PER_MINUTE = 600;

export function throttleWebhookSource(sourceId: string): Promise<void> {
  return consumeOrRefuse(
    { name: "webhook_ingest:source", points: WEBHOOK_CALLS_PER_MINUTE, durationSeconds: 60 },
    sourceId,
    "Too many calls to this webhook",
  );
}
