import { intercomRegions } from "@/lib/connectors/intercom/regions";
import type { Db } from "@/lib/db/client";
import { getNexsetView } from "@/lib/nexsets/get-nexset-view";
import type { DestinationRecord } from "./build-types";

export interface WizardNexsetData {
  id: string;
  name: string;
  attributes: string[];
  samples: DestinationRecord[];
  recordCount: number;
}

/** What the wizard page hands the browser about a Nexset: attribute names and sample records. */
export async function loadWizardNexset(db: Db, organisationId: string, nexsetId: string): Promise<WizardNexsetData> {
  const view = await getNexsetView(db, organisationId, nexsetId, { page: 1, pageSize: 10 });
  return {
    id: view.id,
    name: view.name,
    attributes: view.attributes.map((attribute) => attribute.name),
    samples: view.samples,
    recordCount: view.total,
  };
}

/** Each region's API host, resolved on the server (the sandbox's URL is configuration). */
export function regionBaseUrls(): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const region of intercomRegions) {
    const url = region.baseUrl();
    if (url) urls[region.id] = url;
  }
  return urls;
}
