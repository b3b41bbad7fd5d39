import { getAuth } from "./auth";

/**
 * Signs a just-created user in and returns the Set-Cookie headers of the new session, so sign-up
 * lands the person in the app without a second form. Goes through better-auth's own sign-in, so
 * the cookie is exactly the one sign-in would set.
 */
export async function startSession(
  credentials: { email: string; password: string },
  requestHeaders: Headers,
): Promise<string[]> {
  const { headers } = await getAuth().api.signInEmail({
    body: credentials,
    headers: requestHeaders,
    returnHeaders: true,
  });
  return headers.getSetCookie();
}
