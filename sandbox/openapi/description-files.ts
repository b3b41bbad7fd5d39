import { existsSync } from "node:fs";
import path from "node:path";

// Intercom's OpenAPI descriptions are reference data outside the repo: ../shared/intercom-openapi
// beside the checkout, or wherever INTERCOM_OPENAPI_DIR points. Never copied into the tree.

export const DESCRIBED_VERSIONS = ["2.11", "2.14", "2.16", "Preview"] as const;
export type DescribedVersion = (typeof DESCRIBED_VERSIONS)[number];

const FILES: Record<DescribedVersion, string> = {
  "2.11": "2.11.yaml",
  "2.14": "2.14.yaml",
  "2.16": "2.16.yaml",
  Preview: "preview.yaml",
};

const repoRoot = path.resolve(import.meta.dirname, "..", "..");

/**
 * The directory holding the descriptions, or undefined when it is absent (tests then skip).
 * INTERCOM_OPENAPI_DIR, when set, is the only place looked at.
 */
export function descriptionDir(env: Record<string, string | undefined> = process.env): string | undefined {
  const dir = env.INTERCOM_OPENAPI_DIR || path.resolve(repoRoot, "..", "shared", "intercom-openapi");
  return existsSync(path.join(dir, FILES["2.16"])) ? dir : undefined;
}

export function descriptionFile(version: DescribedVersion, dir = descriptionDir()): string | undefined {
  return dir === undefined ? undefined : path.join(dir, FILES[version]);
}

/** The described version that governs an Intercom-Version value: the nearest described one at or below it. */
export function describedVersionFor(version: string): DescribedVersion {
  if (version === "Preview" || version.toLowerCase() === "unstable") return "Preview";
  const minor = Number(version.split(".")[1] ?? 0);
  if (minor >= 16) return "2.16";
  if (minor >= 14) return "2.14";
  return "2.11";
}
