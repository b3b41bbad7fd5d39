import { lastFour } from "@/lib/crypto/mask-secret";
import { encryptSecret, secretContextFor, secretKeyId } from "@/lib/crypto/secrets";
import { newRowId } from "@/lib/db/new-row-id";

export interface SealedToken {
  /** The credential row's id: the ciphertext is bound to it, so the row must be created with it. */
  id: string;
  tokenCiphertext: string;
  tokenKeyId: string;
  tokenLast4: string;
}

/** The columns of a new credential row that hold its token (encrypted, bound to the row and organisation). */
export function sealCredentialToken(organisationId: string, token: string): SealedToken {
  const id = newRowId();
  const tokenCiphertext = encryptSecret(token, secretContextFor("credential.token", { id, organisationId }));
  return { id, tokenCiphertext, tokenKeyId: secretKeyId(tokenCiphertext), tokenLast4: lastFour(token) };
}
