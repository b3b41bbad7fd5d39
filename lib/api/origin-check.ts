const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isStateChanging(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/**
 * CSRF defence for cookie-authenticated requests: the browser's Origin must be one of ours.
 * Without an Origin header (old browsers), Sec-Fetch-Site "same-origin" is accepted; a request
 * with neither is refused, since every current browser sends one of them on a POST.
 */
export function isAllowedOrigin(headers: Headers, allowedOrigins: readonly string[]): boolean {
  const origin = headers.get("origin");
  if (origin) return origin !== "null" && allowedOrigins.includes(origin);
  return headers.get("sec-fetch-site") === "same-origin";
}
