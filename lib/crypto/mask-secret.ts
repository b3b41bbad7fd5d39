const MASK = "••••";

/** Tokens shorter than this are masked whole: their last four would give away too much. */
const MIN_LENGTH_TO_SHOW_TAIL = 12;

/** "••••abcd": enough to recognise a token, never enough to use it. */
export function maskSecret(secret: string): string {
  const tail = lastFour(secret);
  return tail ? `${MASK}${tail}` : MASK;
}

/** The last four characters kept beside the ciphertext (Credential.tokenLast4), "" for short secrets. */
export function lastFour(secret: string): string {
  return secret.length >= MIN_LENGTH_TO_SHOW_TAIL ? secret.slice(-4) : "";
}

/** Rebuilds the mask from a stored tokenLast4. */
export function maskFromLast4(last4: string): string {
  return last4 ? `${MASK}${last4}` : MASK;
}
