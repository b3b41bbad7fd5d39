import type { HeaderPair } from "./headers-text";

export const TOKEN_MASK = "••••";
// Shorter tokens are shown fully masked: four characters would be too much of them.
const MIN_TOKEN_LENGTH_FOR_HINT = 12;

export interface HeaderInput {
  mediaType: string;
  hasBody: boolean;
  intercomVersion: string;
  userHeaders: readonly HeaderPair[];
  token?: string;
  maskToken: boolean;
  tokenHint?: string;
}

/** Content-Type (with a body), Accept, Intercom-Version, the user's headers, then Authorization. */
export function buildRequestHeaders(input: HeaderInput): Record<string, string> {
  const headers: Record<string, string> = {};
  if (input.hasBody) headers["Content-Type"] = input.mediaType;
  headers.Accept = input.mediaType;
  headers["Intercom-Version"] = input.intercomVersion;
  for (const { name, value } of input.userHeaders) {
    // A user's Accept replaces ours rather than sending two that differ only in case.
    for (const existing of Object.keys(headers))
      if (existing.toLowerCase() === name.toLowerCase()) delete headers[existing];
    headers[name] = value;
  }
  const authorization = authorizationHeader(input);
  if (authorization !== undefined) headers.Authorization = authorization;
  return headers;
}

function authorizationHeader({ token, maskToken, tokenHint }: HeaderInput): string | undefined {
  if (!maskToken) return token === undefined ? undefined : `Bearer ${token}`;
  if (token !== undefined) return `Bearer ${maskTokenValue(token)}`;
  return `Bearer ${TOKEN_MASK}${tokenHint ?? ""}`;
}

/** `••••abcd`: enough to tell tokens apart, never enough to use one. */
export function maskTokenValue(token: string): string {
  return token.length >= MIN_TOKEN_LENGTH_FOR_HINT ? `${TOKEN_MASK}${token.slice(-4)}` : TOKEN_MASK;
}
