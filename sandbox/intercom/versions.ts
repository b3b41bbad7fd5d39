// Intercom-Version values the sandbox answers. 1.x is Intercom's legacy users/leads API, which the
// sandbox does not model, so those versions are refused like an endpoint missing from a version.

export const PREVIEW_VERSION = "Preview";
export const STABLE_VERSIONS = Array.from({ length: 17 }, (_, minor) => `2.${minor}`);
export const LEGACY_VERSIONS = ["1.0", "1.1", "1.2", "1.3", "1.4"];
export const DEFAULT_VERSION = "2.16";

export type VersionCheck = { ok: true; version: string } | { ok: false; known: boolean };

export function resolveVersion(header: string | undefined, fallback: string): VersionCheck {
  if (header === undefined || header.trim() === "") return { ok: true, version: fallback };
  const value = header.trim();
  if (value.toLowerCase() === "preview" || value.toLowerCase() === "unstable")
    return { ok: true, version: PREVIEW_VERSION };
  if (STABLE_VERSIONS.includes(value)) return { ok: true, version: value };
  return { ok: false, known: LEGACY_VERSIONS.includes(value) };
}

export function isKnownVersion(value: string): boolean {
  return value === PREVIEW_VERSION || STABLE_VERSIONS.includes(value);
}

/** Ordinal for comparisons; Preview sorts after every stable version. */
function versionRank(version: string): number {
  if (version === PREVIEW_VERSION) return Number.MAX_SAFE_INTEGER;
  const [major, minor] = version.split(".").map(Number);
  return (major ?? 0) * 1000 + (minor ?? 0);
}

export function versionAtLeast(version: string, minimum: string): boolean {
  return versionRank(version) >= versionRank(minimum);
}

export const onlyPreview = (version: string): boolean => version === PREVIEW_VERSION;
export const since =
  (minimum: string) =>
  (version: string): boolean =>
    versionAtLeast(version, minimum);
