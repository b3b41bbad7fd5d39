import { createDb } from "@/lib/db/client";
import { keyFilePath, prependKeyToFile } from "@/lib/crypto/key-file";
import { generateKeySpec, loadKeyring, resetKeyringCache } from "@/lib/crypto/keyring";
import { rotateSecrets } from "@/lib/crypto/rotate-secrets";

// Re-encrypts every stored Intercom token and webhook secret with the current encryption key.
//
//   npx tsx scripts/rotate-keys.ts                 rotate to the current key (first in FLOWGATE_ENCRYPTION_KEYS,
//                                                  or first in .data/encryption-keys)
//   npx tsx scripts/rotate-keys.ts --new-key       print a fresh "keyId:base64" to put first in FLOWGATE_ENCRYPTION_KEYS
//   npx tsx scripts/rotate-keys.ts --add-local-key without FLOWGATE_ENCRYPTION_KEYS: add a new current key to the
//                                                  local key file, then rotate
//
// Keep the old keys listed after the new one until this has run; then they can be removed.

async function main(args: string[]): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    console.log("usage: npx tsx scripts/rotate-keys.ts [--new-key | --add-local-key]");
    return 0;
  }
  if (args.includes("--new-key")) {
    console.log(generateKeySpec());
    return 0;
  }
  if (args.includes("--add-local-key")) {
    if (process.env.FLOWGATE_ENCRYPTION_KEYS) {
      console.error("FLOWGATE_ENCRYPTION_KEYS is set: put the new key first in it instead (get one with --new-key).");
      return 2;
    }
    prependKeyToFile(generateKeySpec());
    resetKeyringCache();
    console.log(`Added a new current key to ${keyFilePath()}`);
  }
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("DATABASE_URL is not set: point it at Flowgate's database (npm start prints it).");
    return 2;
  }
  const keyring = loadKeyring();
  const db = createDb(url, 2);
  try {
    const report = await rotateSecrets(db, keyring);
    console.log(JSON.stringify(report, null, 2));
    return 0;
  } finally {
    await db.$disconnect();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
