import { getSessionCookie } from "better-auth/cookies";
import { NextResponse, type NextRequest } from "next/server";

// An optimistic check: a visitor with no session cookie at all goes straight to /sign-in, keeping
// where they were headed in ?next=. The (app) layout does the real session check; API routes are
// excluded so they answer 401 JSON (withApi) instead of redirecting.
export function proxy(request: NextRequest) {
  if (getSessionCookie(request)) return NextResponse.next();
  const { pathname, search } = request.nextUrl;
  const signIn = new URL("/sign-in", request.url);
  if (pathname !== "/") signIn.searchParams.set("next", `${pathname}${search}`);
  return NextResponse.redirect(signIn);
}

export const config = {
  matcher: ["/((?!api/|_next/|sign-in|sign-up|favicon\\.ico|robots\\.txt).*)"],
};
