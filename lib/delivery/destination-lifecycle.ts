import type { Db } from "@/lib/db/client";
import { conflict, DomainError, notFound } from "@/lib/errors";
import { destinationConfigSchema } from "@/lib/destinations/schemas";
import { requestDelivery } from "./enqueue-delivery";
import { ensureResponseWebhookSource } from "./response-webhook";

// Activate / pause / resume. Status lives in PostgreSQL; a running delivery re-reads it every
// refresh interval, so pausing stops new calls within about half a second and activating
// again continues from the cursor. Each change is a conditional update, so two clicks racing
// each other cannot leave a destination in a state neither asked for.

export const DESTINATION_STATUSES = ["draft", "active", "paused", "error"] as const;
export type DestinationStatus = (typeof DESTINATION_STATUSES)[number];

export interface DestinationStatusView {
  id: string;
  status: DestinationStatus;
  statusMessage: string | null;
  configVersion: number;
  activatedAt: Date | null;
}

const VIEW = { id: true, status: true, statusMessage: true, configVersion: true, activatedAt: true } as const;

async function findDestination(db: Db, organisationId: string, destinationId: string) {
  const destination = await db.destination.findFirst({
    where: { id: destinationId, organisationId },
    select: { ...VIEW, name: true, flowId: true, organisationId: true, config: true, credentialId: true },
  });
  if (!destination) throw notFound("Destination");
  return destination;
}

function toView(row: {
  id: string;
  status: string;
  statusMessage: string | null;
  configVersion: number;
  activatedAt: Date | null;
}): DestinationStatusView {
  return { ...row, status: row.status as DestinationStatus };
}

/** Starts delivery (from draft, paused or error). Activating an active destination changes nothing. */
export async function activateDestination(
  db: Db,
  organisationId: string,
  destinationId: string,
): Promise<DestinationStatusView> {
  return startDelivery(db, organisationId, destinationId, ["draft", "paused", "error"]);
}

/** Continues a paused (or errored) destination from its cursor. */
export async function resumeDestination(
  db: Db,
  organisationId: string,
  destinationId: string,
): Promise<DestinationStatusView> {
  return startDelivery(db, organisationId, destinationId, ["paused", "error"]);
}

async function startDelivery(
  db: Db,
  organisationId: string,
  destinationId: string,
  from: DestinationStatus[],
): Promise<DestinationStatusView> {
  const destination = await findDestination(db, organisationId, destinationId);
  if (destination.status === "active") return toView(destination);
  if (!from.includes(destination.status as DestinationStatus)) {
    throw conflict(`A ${destination.status} destination can't be resumed; activate it instead`);
  }
  const config = destinationConfigSchema.safeParse(destination.config);
  if (!config.success) {
    throw new DomainError(
      "invalid_config",
      "This destination's settings are incomplete; open it in the wizard and save it before activating",
      {
        status: 422,
        details: config.error.issues.map((issue) => ({
          path: issue.path.map(String).join("."),
          message: issue.message,
        })),
      },
    );
  }
  const credential = await db.credential.findFirst({
    where: { id: destination.credentialId, organisationId },
    select: { id: true },
  });
  if (!credential)
    throw new DomainError("invalid_config", "This destination's credential no longer exists; choose another one", {
      status: 422,
    });
  if (config.data.responseWebhook.enabled) await ensureResponseWebhookSource(db, destination);

  const updated = await db.destination.updateMany({
    where: { id: destinationId, organisationId, status: { in: from } },
    data: { status: "active", statusMessage: null, failureStreak: 0, activatedAt: new Date() },
  });
  if (updated.count === 0) return toView(await findDestination(db, organisationId, destinationId));
  await requestDelivery(destinationId);
  return toView(await findDestination(db, organisationId, destinationId));
}

/** Stops new calls; calls in flight finish and are recorded. Pausing a paused destination changes nothing. */
export async function pauseDestination(
  db: Db,
  organisationId: string,
  destinationId: string,
): Promise<DestinationStatusView> {
  const destination = await findDestination(db, organisationId, destinationId);
  if (destination.status === "paused") return toView(destination);
  if (destination.status === "draft") throw conflict("This destination has not been activated yet");
  await db.destination.updateMany({
    where: { id: destinationId, organisationId, status: { in: ["active", "error"] } },
    data: { status: "paused" },
  });
  return toView(await findDestination(db, organisationId, destinationId));
}
