import { jsonResponse } from "@/lib/api/json";
import { withApi } from "@/lib/api/with-api";
import { AUTH_MAX_BODY_BYTES, signUpResultSchema, signUpSchema } from "@/lib/auth/schemas";
import { signUpWithOrganisation } from "@/lib/auth/sign-up";
import { startSession } from "@/lib/auth/start-session";
import { log } from "@/lib/log";

export const dynamic = "force-dynamic";

// Public, but origin-checked: a cross-site form must not sign a visitor into someone else's account.
export const POST = withApi(
  { auth: "public", originCheck: true, body: signUpSchema, maxBodyBytes: AUTH_MAX_BODY_BYTES, throttle: "sign_up" },
  async ({ req, body }) => {
    const created = await signUpWithOrganisation(body);
    // The account exists whatever happens next; if the session cannot start (e.g. sign-in throttled),
    // the page's redirect to /flows lands on /sign-in instead of reporting a failed sign-up.
    const cookies = await startSession({ email: body.email, password: body.password }, req.headers).catch(
      (error: unknown) => {
        log.warn({ err: error, userId: created.userId }, "signed up but could not start a session");
        return [];
      },
    );
    const response = jsonResponse(signUpResultSchema.parse(created), { status: 201 });
    for (const cookie of cookies) response.headers.append("set-cookie", cookie);
    return response;
  },
);
