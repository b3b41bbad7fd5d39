import { APIError, createAuthMiddleware } from "better-auth/api";
import { clientAddress } from "@/lib/throttle/client-address";
import { beginSignInAttempt, endSignInAttempt } from "@/lib/throttle/sign-in-limits";
import { signInSchema } from "./schemas";

const SIGN_IN_PATH = "/sign-in/email";

/**
 * better-auth `hooks.before` for POST /sign-in/email: parses the body with the sign-in form's own
 * schema (400 naming the field), then answers 429 while the caller must wait after too many
 * failures (lib/throttle/sign-in-limits.ts: counted in Redis, shared by every web process).
 */
export const guardSignIn = createAuthMiddleware(async (ctx) => {
  if (ctx.path !== SIGN_IN_PATH) return;
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
  const wait = await beginSignInAttempt(clientAddress(ctx.headers ?? new Headers()), parsed.data.email);
  if (wait > 0) {
    throw new APIError(
      "TOO_MANY_REQUESTS",
      {
        code: "too_many_attempts",
        message: `Too many failed sign-in attempts. Try again in ${wait} second${wait === 1 ? "" : "s"}.`,
      },
      { "Retry-After": String(wait) },
    );
  }
});

/** better-auth `hooks.after`: a successful sign-in takes back its attempt (only failures count). */
export const settleSignIn = createAuthMiddleware(async (ctx) => {
  if (ctx.path !== SIGN_IN_PATH) return;
  const parsed = signInSchema.safeParse(ctx.body);
  if (!parsed.success) return;
  const succeeded = !(ctx.context.returned instanceof APIError);
  await endSignInAttempt(clientAddress(ctx.headers ?? new Headers()), parsed.data.email, succeeded);
});
