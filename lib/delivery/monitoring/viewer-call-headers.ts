import { TOKEN_MASK } from "@/lib/destinations/request-headers";

// The activity log keeps the Authorization header as sent, masked down to the token's last four
// ("Bearer ••••abcd") so whoever manages the connection can tell which token a call went with
// (after a Reconnect or a replaced token). Anyone else reading the destination's calls (a
// colleague on someone's personal connection) gets the mask alone: the tail is the connection's.

const CREDENTIAL_HEADER = /^(authorization|proxy-authorization)$/i;
const MASKED_TAIL = new RegExp(`${TOKEN_MASK}\\S*`, "g");

/**
 * The stored request headers for this reader: a token tail is kept only when it is `visibleTail`,
 * the last four of the connection the reader may see now (null: none). A tail from another token
 * (the destination was on another connection then) is masked whole too.
 */
export function headersForReader(headers: Record<string, string>, visibleTail: string | null): Record<string, string> {
  const kept = visibleTail ? `${TOKEN_MASK}${visibleTail}` : null;
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name,
      CREDENTIAL_HEADER.test(name) ? value.replace(MASKED_TAIL, (tail) => (tail === kept ? tail : TOKEN_MASK)) : value,
    ]),
  );
}
