import { mkdirSync } from "node:fs";
import path from "node:path";

/** Where `npm start` and `npm test` keep embedded services' data. Git-ignored. */
export const ROOT = path.resolve(import.meta.dirname, "../..");
export const DATA_DIR = path.resolve(process.env.FLOWGATE_DATA_DIR ?? path.join(ROOT, ".data"));

export function dataDir(name: string): string {
  const p = path.join(DATA_DIR, name);
  mkdirSync(p, { recursive: true });
  return p;
}

export function dataPath(...parts: string[]): string {
  const p = path.join(DATA_DIR, ...parts);
  mkdirSync(path.dirname(p), { recursive: true });
  return p;
}

/** A setup problem told as one paragraph: what is wrong and how to fix it. */
export class SetupError extends Error {
  override name = "SetupError";
}
