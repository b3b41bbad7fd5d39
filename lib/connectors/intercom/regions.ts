import type { RegionDefinition } from "@/lib/connectors/types";
import { DomainError } from "@/lib/errors";

export const REGION_IDS = ["us", "eu", "au", "sandbox"] as const;
export type RegionId = (typeof REGION_IDS)[number];

/**
 * The sandbox region's host, or undefined when the operator has not configured one (unset, empty or
 * `off`): then the region is off and nothing is trusted on its behalf. Read at call time so tests
 * and `npm start` can point it anywhere. Security: there is no default — a loopback address the
 * server trusts must be one the operator chose.
 */
export function sandboxBaseUrl(): string | undefined {
  const configured = process.env.INTERCOM_SANDBOX_URL?.trim();
  if (!configured || configured.toLowerCase() === "off") return undefined;
  return trimSlash(configured);
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
  const region = findRegion(regionId);
  const url = region?.baseUrl();
  if (region && !url) {
    throw new DomainError(
      "region_off",
      `The ${region.name} region is turned off on this server (its operator has not set INTERCOM_SANDBOX_URL)`,
      { status: 422, field: "region" },
    );
  }
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
