import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dataPath } from "./data-dir";

/** A secret kept in .data/<name> (mode 600), generated on first use. Returns whether it was new. */
export function localSecret(name: string, bytes = 32): { value: string; created: boolean } {
  const file = dataPath(name);
  if (existsSync(file)) return { value: readFileSync(file, "utf8").trim(), created: false };
  const value = randomBytes(bytes).toString("base64url");
  writeFileSync(file, value + "\n", { mode: 0o600 });
  return { value, created: true };
}
