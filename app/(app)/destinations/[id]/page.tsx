import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { DestinationPage } from "@/components/destinations/monitoring/destination-page";
import { getSessionFromHeaders } from "@/lib/auth/session";
import type { CredentialViewer } from "@/lib/credentials/visibility";
import { db } from "@/lib/db/client";
import { getDestinationOverview } from "@/lib/delivery/monitoring/get-destination-overview";
import { isDomainError } from "@/lib/errors";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Destination" };

async function loadOverview(viewer: CredentialViewer, destinationId: string) {
  try {
    return await getDestinationOverview(db(), viewer, destinationId);
  } catch (error) {
    // Another organisation's destination is as absent as one that never existed.
    if (isDomainError(error) && error.status === 404) notFound();
    throw error;
  }
}

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const session = await getSessionFromHeaders(await headers());
  if (!session) redirect("/sign-in");
  const { id } = await params;
  const overview = await loadOverview({ organisationId: session.user.organisationId, userId: session.user.id }, id);
  return <DestinationPage overview={overview} />;
}
