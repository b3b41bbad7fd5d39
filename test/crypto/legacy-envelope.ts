import { createCipheriv, randomBytes } from "node:crypto";
import type { Keyring } from "@/lib/crypto/keyring";

/** A "v1" envelope as Flowgate wrote it before secrets were bound to their rows (AAD "v1:<keyId>"). */
export function legacyEnvelope(plain: string, keyring: Keyring): string {
  const { id, key } = keyring.current;
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: 16 });
  cipher.setAAD(Buffer.from(`v1:${id}`));
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", id, iv.toString("base64"), cipher.getAuthTag().toString("base64"), ciphertext.toString("base64")].join(
    ":",
  );
}
