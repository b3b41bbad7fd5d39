import { asViewer, type ViewerArg, visibleCredentialsWhere } from "@/lib/credentials/visibility";
import { regionBaseUrl } from "@/lib/connectors/intercom/regions";
import type { Db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { validateDestinationAgainstContext } from "./validate-against-context";

// The checks a destination's settings need beyond their schema, shared by create, update and Send
// Test: the Nexset, credential and flow belong to the caller's organisation (else 404, exactly like
// a missing row), and the endpoint URL stays on the credential's Intercom host.

export interface DestinationRefs {
  nexsetId: string;
  credentialId: string;
  flowId?: string | null;
}

export interface ResolvedContext {
  credential: { id: string; region: string; baseUrl: string };
  nexset: { id: string; name: string; recordCount: number };
}

function missing(what: string, field: string): DomainError {
  return new DomainError("not_found", `${what} not found`, {
    status: 404,
    field,
    details: [{ path: field, message: `${what} not found` }],
  });
}

export async function resolveDestinationContext(
  db: Db,
  viewer: ViewerArg,
  refs: DestinationRefs,
): Promise<ResolvedContext> {
  const { organisationId } = asViewer(viewer);
  const [nexset, credential, flow] = await Promise.all([
    db.nexset.findFirst({
      where: { id: refs.nexsetId, organisationId },
      select: { id: true, name: true, recordCount: true },
    }),
    // Another user's personal connection is "not found" here too: it can't be picked.
    db.credential.findFirst({
      where: { id: refs.credentialId, ...visibleCredentialsWhere(viewer) },
      select: { id: true, region: true },
    }),
    refs.flowId
      ? db.flow.findFirst({ where: { id: refs.flowId, organisationId }, select: { id: true } })
      : Promise.resolve(null),
  ]);
  if (!nexset) throw missing("Nexset", "nexsetId");
  if (!credential) throw missing("Credential", "credentialId");
  if (refs.flowId && !flow) throw missing("Flow", "flowId");
  return { nexset, credential: { ...credential, baseUrl: regionBaseUrl(credential.region) } };
}

/** 400 at config.urlTemplate when the URL leaves the credential's host: nothing is saved or sent. */
export function assertUrlOnCredentialHost(config: { urlTemplate: string }, credentialBaseUrl: string): void {
  const checked = validateDestinationAgainstContext(config, { credentialRegionBaseUrl: credentialBaseUrl });
  if (checked.ok) return;
  const issues = checked.errors.map((error) => ({ path: error.path.join("."), message: error.message }));
  const first = issues[0]!;
  throw new DomainError("bad_input", first.message, { status: 400, field: first.path, details: issues });
}
