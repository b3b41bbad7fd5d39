import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { log } from "@/lib/log";

// Without FLOWGATE_ENCRYPTION_KEYS, `npm start` still has to work: the keys live in
// <data dir>/encryption-keys (mode 600), created on first use. Processes run from the repo root.

export function dataDir(): string {
  return path.resolve(process.env.FLOWGATE_DATA_DIR ?? path.join(process.cwd(), ".data"));
}

export function keyFilePath(): string {
  return path.join(dataDir(), "encryption-keys");
}

/** The key file's contents; creates it with `generate()` when absent. Exclusive create, so concurrent starts agree. */
export function readOrCreateKeyFile(generate: () => string, file = keyFilePath()): string {
  try {
    const contents = readFileSync(/*turbopackIgnore: true*/ file, "utf8");
    log.warn({ file }, "FLOWGATE_ENCRYPTION_KEYS is not set: using the local encryption key file");
    return contents;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(/*turbopackIgnore: true*/ path.dirname(file), { recursive: true });
  try {
    writeFileSync(/*turbopackIgnore: true*/ file, `${generate()}\n`, { mode: 0o600, flag: "wx" });
    log.warn(
      { file },
      "FLOWGATE_ENCRYPTION_KEYS is not set: generated a local encryption key. Set the variable in production and back the key up.",
    );
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return readFileSync(/*turbopackIgnore: true*/ file, "utf8");
}

/** Puts a new current key first in the key file, keeping the older ones for decryption. */
export function prependKeyToFile(spec: string, file = keyFilePath()): void {
  let existing = "";
  try {
    existing = readFileSync(/*turbopackIgnore: true*/ file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(/*turbopackIgnore: true*/ path.dirname(file), { recursive: true });
  writeFileSync(/*turbopackIgnore: true*/ file, `${spec}\n${existing}`, { mode: 0o600 });
}
