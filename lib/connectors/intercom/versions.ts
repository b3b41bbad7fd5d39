// Intercom-Version values Flowgate offers. Preview is last: it is not stable and renames
// path parameters (e.g. {contact_id} → {id}), which only matters to the conformance test.
export const STABLE_API_VERSIONS = ["2.11", "2.12", "2.13", "2.14", "2.15", "2.16"] as const;
export const PREVIEW_API_VERSION = "Preview";
export const INTERCOM_API_VERSIONS = [...STABLE_API_VERSIONS, PREVIEW_API_VERSION] as const;
export type IntercomApiVersion = (typeof INTERCOM_API_VERSIONS)[number];

/** The newest stable version. */
export const DEFAULT_API_VERSION: IntercomApiVersion = "2.16";

export function isIntercomApiVersion(value: string): value is IntercomApiVersion {
  return (INTERCOM_API_VERSIONS as readonly string[]).includes(value);
}

/** Stable versions from `first` to the newest, optionally with Preview: the catalogue's `versions`. */
export function versionsSince(first: (typeof STABLE_API_VERSIONS)[number], opts: { preview: boolean }): string[] {
  const stable = STABLE_API_VERSIONS.slice(STABLE_API_VERSIONS.indexOf(first));
  return opts.preview ? [...stable, PREVIEW_API_VERSION] : [...stable];
}

/** Stable versions from the oldest up to `last`. */
export function versionsUntil(last: (typeof STABLE_API_VERSIONS)[number]): string[] {
  return STABLE_API_VERSIONS.slice(0, STABLE_API_VERSIONS.indexOf(last) + 1);
}

/** Present in every stable version and in Preview. */
export const ALL_VERSIONS = versionsSince("2.11", { preview: true });
export const PREVIEW_ONLY = [PREVIEW_API_VERSION];
