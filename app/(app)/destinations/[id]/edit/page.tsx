import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { DestinationWizard } from "@/components/destinations/wizard/destination-wizard";
import { getSessionFromHeaders } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { getDestination } from "@/lib/destinations/get-destination";
import { loadWizardNexset, regionBaseUrls } from "@/lib/destinations/load-wizard-data";
import { isDomainError } from "@/lib/errors";

export const metadata: Metadata = { title: "Edit destination" };

function notFoundOn404(error: unknown): never {
  if (isDomainError(error) && error.status === 404) notFound();
  throw error;
}

// The same wizard, filled in with the destination's current version; saving makes the next one.
export default async function Page({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const session = await getSessionFromHeaders(await headers());
  if (!session) redirect("/sign-in");
  const [{ id }, search] = await Promise.all([params, searchParams]);
  const organisationId = session.user.organisationId;
  const viewer = { organisationId, userId: session.user.id };
  const destination = await getDestination(db(), viewer, id).catch(notFoundOn404);
  const nexset = await loadWizardNexset(db(), organisationId, destination.nexsetId).catch(notFoundOn404);
  const savedNotice =
    search.saved === "1" ? "Saved as a draft. Activate it from the destination's page when you are ready." : undefined;
  return (
    <DestinationWizard
      key={`${destination.id}:${destination.configVersion}`}
      data={{
        mode: "edit",
        destinationId: destination.id,
        configVersion: destination.configVersion,
        flowId: destination.flowId ?? undefined,
        nexset,
        regionBaseUrls: regionBaseUrls(),
        ...(destination.credentialPersonalTo !== null
          ? { personalCredential: { id: destination.credentialId, personalTo: destination.credentialPersonalTo } }
          : {}),
      }}
      destination={destination}
      savedNotice={savedNotice}
    />
  );
}
