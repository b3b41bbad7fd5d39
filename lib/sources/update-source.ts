import type { Db } from "@/lib/db/client";
import { badInput, notFound, parseInput } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { updateSourceSchema } from "./schemas";

function asObject(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

const INTERCOM_SETTINGS = ["operation", "perPage", "exportRange"] as const;

/**
 * Renames a source (and its Nexset), changes an Intercom source's schedule, operation, page size or
 * export range, or a webhook's size limit. The next run reads the stored config, so it uses the new settings.
 */
export async function updateSource(db: Db, organisationId: string, sourceId: string, input: unknown): Promise<void> {
  const changes = parseInput(updateSourceSchema, input);
  const source = await db.source.findFirst({
    where: { id: sourceId, organisationId },
    select: { kind: true, config: true, scheduleMinutes: true },
  });
  if (!source) throw notFound("Source");
  const config = asObject(source.config);
  const data: Prisma.SourceUpdateInput = {};
  if (changes.scheduleMinutes !== undefined) {
    if (source.kind !== "intercom") throw badInput("scheduleMinutes", "Only Intercom sources run on a schedule");
    const minutes = changes.scheduleMinutes;
    config.scheduleMinutes = minutes ?? undefined;
    data.scheduleMinutes = minutes;
    // A newly scheduled source runs at the next tick; a changed interval counts from now.
    data.nextRunAt =
      minutes === null ? null : source.scheduleMinutes === null ? new Date() : new Date(Date.now() + minutes * 60_000);
  }
  for (const field of INTERCOM_SETTINGS) {
    const value = changes[field];
    if (value === undefined) continue;
    if (source.kind !== "intercom") throw badInput(field, "Only Intercom sources have this setting");
    config[field] = value ?? undefined;
  }
  if (changes.maxBodyBytes !== undefined) {
    if (source.kind !== "webhook" && source.kind !== "response_webhook")
      throw badInput("maxBodyBytes", "Only webhook sources have a body size limit");
    config.maxBodyBytes = changes.maxBodyBytes;
  }
  data.config = JSON.parse(JSON.stringify(config)) as Prisma.InputJsonValue;
  await db.$transaction(async (tx) => {
    if (changes.name !== undefined) {
      data.name = changes.name;
      await tx.nexset.updateMany({ where: { sourceId, organisationId }, data: { name: changes.name } });
    }
    await tx.source.update({ where: { id: sourceId }, data });
  });
}
