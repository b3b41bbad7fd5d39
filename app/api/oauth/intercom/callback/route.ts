import { type RouteHandler, withApi } from "@/lib/api/with-api";
import { completeOAuth, outcomeLocation } from "@/lib/credentials/oauth/complete-oauth";
import { db } from "@/lib/db/client";

// The redirect URL registered with Intercom: a browser navigation, so it answers with a redirect
// back into the app (never JSON), carrying the new connection's id or the reason it failed.
export const dynamic = "force-dynamic";

const completeSignedIn = withApi({ auth: "session" }, async ({ org, req }) => {
  const query = Object.fromEntries(new URL(req.url).searchParams);
  const outcome = await completeOAuth(db(), org, query);
  return new Response(null, { status: 303, headers: { location: outcomeLocation(outcome) } });
});

// No session (it ended while the user was at Intercom): sign in, then come back here with the same
// code and state. The session is checked before anything is read, so the state stays unused until then.
export const GET: RouteHandler = async (req, ctx) => {
  const answer = await completeSignedIn(req, ctx);
  if (answer.status !== 401) return answer;
  const here = new URL(req.url);
  const signIn = new URL("/sign-in", req.url);
  signIn.searchParams.set("next", `${here.pathname}${here.search}`);
  return new Response(null, { status: 303, headers: { location: `${signIn.pathname}${signIn.search}` } });
};
