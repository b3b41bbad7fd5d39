import type { RegionDefinition } from "@/lib/connectors/types";
import { DomainError } from "@/lib/errors";

export const REGION_IDS = ["us", "eu", "au", "sandbox"] as const;
export type RegionId = (typeof REGION_IDS)[number];

export const DEFAULT_SANDBOX_URL = "http://127.0.0.1:4010";

/** Read at call time so tests and `npm start` can point the sandbox region anywhere. */
export function sandboxBaseUrl(): string {
  return trimSlash(process.env.INTERCOM_SANDBOX_URL || DEFAULT_SANDBOX_URL);
}

export const intercomRegions: readonly RegionDefinition[] = [
  {
    id: "us",
    name: "United States",
    baseUrl: () => "https://api.intercom.io",
    authorizeUrl: () => "https://app.intercom.com/oauth",
  },
  {
    id: "eu",
    name: "Europe",
    baseUrl: () => "https://api.eu.intercom.io",
    authorizeUrl: () => "https://app.eu.intercom.com/oauth",
  },
  {
    id: "au",
    name: "Australia",
    baseUrl: () => "https://api.au.intercom.io",
    authorizeUrl: () => "https://app.au.intercom.com/oauth",
  },
  // The sandbox serves the consent page and the API from one origin.
  { id: "sandbox", name: "Local sandbox", baseUrl: sandboxBaseUrl, authorizeUrl: () => `${sandboxBaseUrl()}/oauth` },
];

export function isRegionId(value: string): value is RegionId {
  return (REGION_IDS as readonly string[]).includes(value);
}

export function findRegion(regionId: string): RegionDefinition | undefined {
  return intercomRegions.find((region) => region.id === regionId);
}

/** The API host of a region, without a trailing slash. Unknown region → DomainError. */
export function regionBaseUrl(regionId: string): string {
  const url = findRegion(regionId)?.baseUrl();
  if (!url) {
    throw new DomainError(
      "unknown_region",
      `Unknown Intercom region "${regionId}": use one of ${REGION_IDS.join(", ")}`,
      {
        field: "region",
      },
    );
  }
  return url;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}
