/**
 * Where to go after signing in: a same-site path from `?next=`, else /flows. Anything that could
 * leave the site ("//evil", "/\\evil", "https://…") is ignored, so the link cannot redirect away.
 */
export function safeNextPath(next: string | null | undefined, fallback = "/flows"): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return fallback;
  if ([...next].some((c) => c < " " || c === "\\")) return fallback;
  if (next === "/sign-in" || next.startsWith("/sign-in?") || next === "/sign-up" || next.startsWith("/sign-up?"))
    return fallback;
  return next;
}

/** A `next` that a route handler answers (e.g. the OAuth callback), reached by a full page load. */
export function isServerRoute(next: string): boolean {
  return next === "/api" || next.startsWith("/api/");
}
