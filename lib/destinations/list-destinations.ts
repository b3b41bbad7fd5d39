import { z } from "zod";
import { asViewer, type ViewerArg } from "@/lib/credentials/visibility";
import type { Db } from "@/lib/db/client";
import { parseInput } from "@/lib/errors";
import { type DestinationView, destinationViewSelect, toDestinationView } from "./destination-view";

const idFilter = z.string().trim().min(1).max(64).optional();

export const listDestinationsQuerySchema = z.object({
  nexsetId: idFilter,
  flowId: idFilter,
  status: z.enum(["draft", "active", "paused", "error"]).optional(),
});
export type ListDestinationsQuery = z.input<typeof listDestinationsQuerySchema>;

/** The organisation's destinations, newest first, optionally for one Nexset, flow or status. */
export async function listDestinations(
  db: Db,
  viewer: ViewerArg,
  query: ListDestinationsQuery = {},
): Promise<DestinationView[]> {
  const { organisationId } = asViewer(viewer);
  const { nexsetId, flowId, status } = parseInput(listDestinationsQuerySchema, query);
  const rows = await db.destination.findMany({
    where: {
      organisationId,
      ...(nexsetId ? { nexsetId } : {}),
      ...(flowId ? { flowId } : {}),
      ...(status ? { status } : {}),
    },
    select: destinationViewSelect,
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
  return rows.map((row) => toDestinationView(row, viewer));
}
