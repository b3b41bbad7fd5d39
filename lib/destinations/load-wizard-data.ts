import { intercomRegions } from "@/lib/connectors/intercom/regions";
import type { Db } from "@/lib/db/client";
import { getNexsetView } from "@/lib/nexsets/get-nexset-view";
import { type Attribute, attributePaths } from "@/lib/nexsets/infer-schema";
import type { DestinationRecord } from "./build-types";

export interface WizardNexsetData {
  id: string;
  name: string;
  /** Top-level attribute names (exclusions apply to these). */
  attributes: string[];
  /** Top-level and nested paths (`body.id`), for autocomplete and mapping sources. */
  attributePaths: string[];
  /** The inferred schema, for checking that mapping rows read attributes the Nexset has. */
  schema: { attributes: Attribute[]; truncated: boolean };
  samples: DestinationRecord[];
  recordCount: number;
}

const MAX_WIZARD_PATHS = 2_000;

/** What the wizard page hands the browser about a Nexset: attribute names and sample records. */
export async function loadWizardNexset(db: Db, organisationId: string, nexsetId: string): Promise<WizardNexsetData> {
  const view = await getNexsetView(db, organisationId, nexsetId, { page: 1, pageSize: 10 });
  return {
    id: view.id,
    name: view.name,
    attributes: view.attributes.map((attribute) => attribute.name),
    attributePaths: attributePaths(view.attributes).slice(0, MAX_WIZARD_PATHS),
    schema: { attributes: view.attributes, truncated: view.attributesTruncated },
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
