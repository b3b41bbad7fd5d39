import type { Db } from "@/lib/db/client";
import { conflict, notFound, parseInput } from "@/lib/errors";
import { deleteSourceSchema } from "./schemas";

/**
 * Deletes a source with its Nexset and records. A Nexset that feeds destinations is only deleted
 * with `force` (the UI asks first), and a destination's response-webhook source goes with its
 * destination, not on its own.
 */
export async function deleteSource(
  db: Db,
  organisationId: string,
  sourceId: string,
  input: unknown = {},
): Promise<{ deletedDestinations: number }> {
  const { force } = parseInput(deleteSourceSchema, input);
  const source = await db.source.findFirst({
    where: { id: sourceId, organisationId },
    select: { originDestinationId: true, nexset: { select: { id: true, _count: { select: { destinations: true } } } } },
  });
  if (!source) throw notFound("Source");
  if (source.originDestinationId) {
    throw conflict(
      "This source holds a destination's responses: turn off that destination's response webhook, or delete the destination",
    );
  }
  const destinations = source.nexset?._count.destinations ?? 0;
  if (destinations > 0 && !force) {
    throw conflict(
      `This source's Nexset feeds ${destinations} destination${destinations === 1 ? "" : "s"}, which would be deleted too`,
      { destinations },
    );
  }
  await db.source.delete({ where: { id: sourceId } });
  return { deletedDestinations: destinations };
}
