"use client";

import { useMemo } from "react";
import { useWatch } from "react-hook-form";
import type { BodyFieldDefinition, EndpointDefinition } from "@/lib/connectors/types";
import type { DataAttributeView } from "@/lib/credentials/data-attribute-schemas";
import { checkMapping, type MappingWarning, unmappedAttributes } from "@/lib/destinations/mapping/check-mapping";
import { mappingTargets } from "@/lib/destinations/mapping/mapping-targets";
import type { MappingRow } from "@/lib/destinations/steps/mapping-step";
import type { WizardFormValues } from "../form-values";
import { useWizardData } from "../wizard-data";
import { useDataAttributes } from "./use-data-attributes";

export interface MappingContext {
  endpoint: EndpointDefinition | undefined;
  fields: BodyFieldDefinition[];
  /** The workspace's attributes; undefined while unknown (no credential, loading, or failed). */
  workspace: DataAttributeView[] | undefined;
  dataAttributes: ReturnType<typeof useDataAttributes>;
  warnings: MappingWarning[];
  notSent: string[];
  version: string;
}

/** Everything the Map fields step shows besides the rows: targets, the workspace, warnings. */
export function useMappingContext(rows: readonly MappingRow[]): MappingContext {
  const { nexset } = useWizardData();
  const [credentialId, method, urlTemplate, endpointId, version] = useWatch<WizardFormValues>({
    name: ["credentialId", "config.method", "config.urlTemplate", "config.endpointId", "config.intercomVersion"],
  }) as [string, string, string, string | undefined, string];
  const dataAttributes = useDataAttributes(credentialId || undefined);
  const workspace = dataAttributes.data?.attributes;
  const { endpoint, fields } = useMemo(
    () => mappingTargets({ method, urlTemplate: urlTemplate ?? "", endpointId, intercomVersion: version }),
    [method, urlTemplate, endpointId, version],
  );
  const warnings = useMemo(
    () =>
      checkMapping({
        rows,
        fields,
        endpointName: endpoint?.name ?? "This endpoint",
        version,
        workspaceAttributes: workspace,
        attributePaths: nexset.attributePaths,
        samples: nexset.samples,
      }),
    [rows, fields, endpoint, version, workspace, nexset],
  );
  const notSent = useMemo(() => unmappedAttributes(rows, nexset.attributes), [rows, nexset.attributes]);
  return { endpoint, fields, workspace, dataAttributes, warnings, notSent, version };
}
