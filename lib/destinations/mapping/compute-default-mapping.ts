import { getWorkspaceAttributes } from "@/lib/credentials/workspace-attributes";
import type { Db } from "@/lib/db/client";
import { parseInput } from "@/lib/errors";
import { getNexsetView } from "@/lib/nexsets/get-nexset-view";
import { attributePaths } from "@/lib/nexsets/infer-schema";
import { checkMapping } from "./check-mapping";
import { defaultMapping } from "./default-mapping";
import { type DefaultMappingResponse, defaultMappingRequestSchema } from "./default-mapping-schemas";
import { mappingTargets } from "./mapping-targets";

/** The mapping a Nexset gets for an endpoint in a credential's workspace, with its warnings (nothing is saved). */
export async function computeDefaultMapping(
  db: Db,
  organisationId: string,
  input: unknown,
): Promise<DefaultMappingResponse> {
  const request = parseInput(defaultMappingRequestSchema, input);
  const nexset = await getNexsetView(db, organisationId, request.nexsetId, { page: 1, pageSize: 10 });
  const workspace = request.credentialId
    ? (await getWorkspaceAttributes(db, organisationId, request.credentialId)).attributes
    : undefined;
  const { endpoint, fields } = mappingTargets(request);
  const endpointName = endpoint?.name ?? `${request.method} ${request.urlTemplate}`;
  const proposal = defaultMapping({
    attributes: nexset.attributes.map((attribute) => attribute.name),
    fields,
    endpointName,
    workspaceAttributes: workspace ?? [],
  });
  const warnings = checkMapping({
    rows: proposal.rows,
    fields,
    endpointName,
    version: request.intercomVersion,
    workspaceAttributes: workspace,
    attributePaths: attributePaths(nexset.attributes),
    samples: nexset.samples,
  });
  return {
    endpoint: endpoint ? { id: endpoint.id, name: endpoint.name } : null,
    fields: fields.map(({ name, type, customAttributesOf }) => ({ name, type, customAttributesOf })),
    rows: proposal.rows,
    notSent: proposal.notSent,
    warnings: warnings.map(({ row, kind, message }) => ({ row, kind, message })),
  };
}
