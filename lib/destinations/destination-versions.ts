import type { Db } from "@/lib/db/client";
import { notFound, parseInput } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { type DestinationConfig, destinationConfigSchema } from "@/lib/destinations/schemas";
import { ensureResponseWebhookSource } from "@/lib/delivery/response-webhook";

// Every edit of a destination's settings is a new version: Destination.configVersion goes up,
// the settings are kept in DestinationConfigVersion, and each DeliveryCall names the version it
// was built with. A running delivery picks the new version up for its next calls.

export interface CreatedVersion {
  version: number;
  config: DestinationConfig;
}

/** Saves `config` (validated with the wizard's schema) as the destination's next version. */
export async function createDestinationVersion(
  db: Db,
  organisationId: string,
  destinationId: string,
  config: unknown,
): Promise<CreatedVersion> {
  const parsed = parseInput(destinationConfigSchema, config);
  const json = parsed as unknown as Prisma.InputJsonValue;
  const { destination, version } = await db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ configVersion: number; config: unknown }[]>`
      SELECT "configVersion", "config" FROM "Destination"
      WHERE "id" = ${destinationId} AND "organisationId" = ${organisationId} FOR UPDATE`;
    const current = rows[0];
    if (!current) throw notFound("Destination");
    // Destinations created before versioning (or by a path that skipped it) keep their old
    // settings in the history too.
    await tx.destinationConfigVersion.upsert({
      where: { destinationId_version: { destinationId, version: current.configVersion } },
      create: { destinationId, version: current.configVersion, config: current.config as Prisma.InputJsonValue },
      update: {},
    });
    const version = current.configVersion + 1;
    await tx.destinationConfigVersion.create({ data: { destinationId, version, config: json } });
    const updated = await tx.destination.update({
      where: { id: destinationId },
      data: { config: json, configVersion: version },
      select: { id: true, organisationId: true, name: true, flowId: true },
    });
    return { destination: updated, version };
  });
  if (parsed.responseWebhook.enabled) await ensureResponseWebhookSource(db, destination);
  return { version, config: parsed };
}

/** The settings a past call was made with. */
export async function getDestinationVersion(
  db: Db,
  organisationId: string,
  destinationId: string,
  version: number,
): Promise<DestinationConfig> {
  const row = await db.destinationConfigVersion.findFirst({
    where: { destinationId, version, destination: { organisationId } },
    select: { config: true },
  });
  if (!row) throw notFound("Destination version");
  return destinationConfigSchema.parse(row.config);
}
