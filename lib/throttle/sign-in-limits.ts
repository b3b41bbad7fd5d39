import { isLimitReached, limiterFor, logLimiterOutage, retryAfterSeconds, type LimiterRule } from "./redis-limiter";

// Sign-in failures slow a guesser down; they never lock the owner out. Each (address, email) and
// each email gets some free failures per window; past them every further attempt waits twice as
// long as the one before (capped), one attempt per wait. A correct password takes back its own
// attempt and clears its address's count, so only failures count.

interface SignInRule {
  failures: LimiterRule;
  free: number;
  maxDelaySeconds: number;
}

const WINDOW_SECONDS = 15 * 60;

export const SIGN_IN_LIMITS = {
  perAddressAndEmail: {
    failures: { name: "sign_in:address_email", points: 1_000_000, durationSeconds: WINDOW_SECONDS },
    free: 5,
    maxDelaySeconds: 60,
  },
  perEmail: {
    failures: { name: "sign_in:email", points: 1_000_000, durationSeconds: WINDOW_SECONDS },
    free: 20,
    maxDelaySeconds: 30,
  },
} satisfies Record<string, SignInRule>;

const waitRule = (rule: SignInRule): LimiterRule => ({
  name: `${rule.failures.name}:wait`,
  points: 1,
  durationSeconds: rule.maxDelaySeconds,
});

type RuleKey = [SignInRule, string];

function keysFor(address: string, email: string): [byAddress: RuleKey, byEmail: RuleKey] {
  const normalised = email.trim().toLowerCase();
  return [
    [SIGN_IN_LIMITS.perAddressAndEmail, `${address}|${normalised}`],
    [SIGN_IN_LIMITS.perEmail, normalised],
  ];
}

export function delayAfter(failures: number, rule: SignInRule): number {
  const over = failures - rule.free;
  return over <= 0 ? 0 : Math.min(2 ** (over - 1), rule.maxDelaySeconds);
}

/**
 * Counts this attempt as a failure in advance (so parallel guesses are counted too) and answers
 * how long to wait, or 0 to go ahead. A refused attempt is not counted.
 */
export async function beginSignInAttempt(address: string, email: string): Promise<number> {
  const counted: RuleKey[] = [];
  try {
    for (const [rule, key] of keysFor(address, email)) {
      const failures = (await (await limiterFor(rule.failures)).penalty(key)).consumedPoints;
      counted.push([rule, key]);
      const delay = delayAfter(failures, rule);
      if (delay === 0) continue;
      try {
        await (await limiterFor(waitRule(rule))).consume(key, 1, { customDuration: delay });
      } catch (error) {
        if (!isLimitReached(error)) throw error;
        await refund(counted);
        return retryAfterSeconds(error);
      }
    }
  } catch (error) {
    logLimiterOutage(error, "sign_in");
  }
  return 0;
}

async function refund(counted: RuleKey[]): Promise<void> {
  for (const [rule, key] of counted) await (await limiterFor(rule.failures)).reward(key);
}

/** After the password check: a success takes back its attempt and clears the address's count. */
export async function endSignInAttempt(address: string, email: string, succeeded: boolean): Promise<void> {
  if (!succeeded) return;
  try {
    const [[addressRule, addressKey], byEmail] = keysFor(address, email);
    await (await limiterFor(addressRule.failures)).delete(addressKey);
    await (await limiterFor(waitRule(addressRule))).delete(addressKey);
    await refund([byEmail]);
  } catch (error) {
    logLimiterOutage(error, "sign_in");
  }
}
