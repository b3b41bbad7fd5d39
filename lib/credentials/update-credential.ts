import type { Db } from "@/lib/db/client";
import { parseInput } from "@/lib/errors";
import { destinationOperation, groupByPermission } from "./connection-permissions";
import { getCredential } from "./get-credential";
import { publicCredentialSelect, toPublicCredential } from "./public-credential";
import { type CredentialUsage, type PublicCredential, updateCredentialSchema } from "./schemas";
import type { ViewerArg } from "./visibility";

/** Rename a connection or set its own rate limit per 10 s; the token and its destinations stay. */
export async function updateCredential(
  db: Db,
  viewer: ViewerArg,
  credentialId: string,
  input: unknown,
): Promise<PublicCredential> {
  const data = parseInput(updateCredentialSchema, input);
  await getCredential(db, viewer, credentialId);
  const row = await db.credential.update({
    where: { id: credentialId },
    data: {
      ...(data.name !== undefined ? { name: data.name } : {}),
      ...(data.rateLimitPer10s !== undefined ? { rateLimitPer10s: data.rateLimitPer10s } : {}),
    },
    select: publicCredentialSelect,
  });
  return toPublicCredential(row);
}

/** The destinations and sources on a connection (deleting it is refused while a destination uses it). */
export async function getCredentialUsage(db: Db, viewer: ViewerArg, credentialId: string): Promise<CredentialUsage> {
  const credential = await getCredential(db, viewer, credentialId);
  const [destinations, sources] = await Promise.all([
    db.destination.findMany({
      where: { credentialId: credential.id },
      select: { id: true, name: true, status: true, config: true },
      orderBy: { name: "asc" },
    }),
    db.source.findMany({
      where: { credentialId: credential.id },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    }),
  ]);
  const withOperations = destinations.map(({ config, ...destination }) => ({
    ...destination,
    ...destinationOperation(config),
  }));
  return { destinations: withOperations, sources, permissions: groupByPermission(withOperations) };
}
