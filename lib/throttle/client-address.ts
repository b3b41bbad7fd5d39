// Which address a request came from. Next.js gives route handlers no socket address; it fills
// X-Forwarded-For from the socket only when the caller sent none, so any entry a caller can write is
// a lie it chose. Only entries added by our own reverse proxies are trusted: with N of them in front
// (FLOWGATE_TRUSTED_PROXIES), the client is the N-th entry from the right. With none configured no
// entry is trusted, and every caller shares one address ("untrusted") for per-address limits.

export const UNTRUSTED_ADDRESS = "untrusted";

export function trustedProxyCount(): number {
  const raw = process.env.FLOWGATE_TRUSTED_PROXIES?.trim();
  if (!raw) return 0;
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 0 || count > 10)
    throw new Error(`FLOWGATE_TRUSTED_PROXIES must be a whole number from 0 to 10 (got "${raw}").`);
  return count;
}

export function clientAddress(headers: Headers, trustedProxies = trustedProxyCount()): string {
  if (trustedProxies === 0) return UNTRUSTED_ADDRESS;
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  // Fewer entries than proxies: the request did not come through all of them.
  return entries[entries.length - trustedProxies] ?? UNTRUSTED_ADDRESS;
}
