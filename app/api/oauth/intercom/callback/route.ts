import { withApi } from "@/lib/api/with-api";
import { completeOAuth, outcomeLocation } from "@/lib/credentials/oauth/complete-oauth";
import { db } from "@/lib/db/client";

// The redirect URL registered with Intercom: a browser navigation, so it answers with a redirect
// back into the app (never JSON), carrying the new connection's id or the reason it failed.
export const dynamic = "force-dynamic";

export const GET = withApi({ auth: "session" }, async ({ org, req }) => {
  const query = Object.fromEntries(new URL(req.url).searchParams);
  const outcome = await completeOAuth(db(), org, query);
  return new Response(null, { status: 303, headers: { location: outcomeLocation(outcome) } });
});
