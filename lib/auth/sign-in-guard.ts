import { APIError, createAuthMiddleware } from "better-auth/api";
import { clientIp, createRateLimiter } from "./rate-limit";
import { signInSchema } from "./schemas";

// Sign-in attempts: 10 per 10 minutes per (IP, email), and 50 per 10 minutes per email from any
// address, so rotating X-Forwarded-For does not buy unlimited guesses against one account.
const WINDOW_MS = 10 * 60 * 1000;
export const SIGN_IN_ATTEMPTS_PER_WINDOW = 10;
const perIpAndEmail = createRateLimiter({ limit: SIGN_IN_ATTEMPTS_PER_WINDOW, windowMs: WINDOW_MS });
const perEmail = createRateLimiter({ limit: 50, windowMs: WINDOW_MS });

/**
 * better-auth `hooks.before` for POST /sign-in/email: parses the body with the sign-in form's own
 * schema (400 naming the field), then answers 429 once the caller runs out of attempts.
 */
export const guardSignIn = createAuthMiddleware(async (ctx) => {
  if (ctx.path !== "/sign-in/email") return;
  const parsed = signInSchema.safeParse(ctx.body);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({
      path: issue.path.map(String).join("."),
      message: issue.message,
    }));
    throw new APIError("BAD_REQUEST", {
      code: "invalid_input",
      message: issues[0]?.message ?? "Invalid sign-in request.",
      issues,
    });
  }
  const { email } = parsed.data;
  const ip = clientIp(ctx.headers ?? new Headers());
  for (const [limiter, key] of [
    [perIpAndEmail, `${ip}|${email}`],
    [perEmail, email],
  ] as const) {
    const { allowed, retryAfterSeconds } = limiter.consume(key);
    if (!allowed) {
      const minutes = Math.ceil(retryAfterSeconds / 60);
      throw new APIError(
        "TOO_MANY_REQUESTS",
        {
          code: "too_many_attempts",
          message: `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
        },
        { "Retry-After": String(retryAfterSeconds) },
      );
    }
  }
});
