import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { ConnectorChooser } from "@/components/destinations/wizard/connector-chooser";
import { DestinationWizard } from "@/components/destinations/wizard/destination-wizard";
import { MissingNexset } from "@/components/destinations/wizard/missing-nexset";
import { getSessionFromHeaders } from "@/lib/auth/session";
import { findConnector } from "@/lib/connectors/registry";
import { db } from "@/lib/db/client";
import { loadWizardNexset, regionBaseUrls } from "@/lib/destinations/load-wizard-data";
import { isDomainError } from "@/lib/errors";

export const metadata: Metadata = { title: "New destination" };

type Search = Record<string, string | string[] | undefined>;
const one = (value: string | string[] | undefined) =>
  typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;

// /destinations/new?nexsetId=…&flowId=…(&connector=intercom): the Nexset page's "Send to Destination".
export default async function Page({ searchParams }: { searchParams: Promise<Search> }) {
  const session = await getSessionFromHeaders(await headers());
  if (!session) redirect("/sign-in");
  const search = await searchParams;
  const nexsetId = one(search.nexsetId);
  const flowId = one(search.flowId);
  if (!nexsetId) return <MissingNexset />;
  const nexset = await loadWizardNexset(db(), session.user.organisationId, nexsetId).catch((error: unknown) => {
    if (isDomainError(error) && error.status === 404) notFound();
    throw error;
  });
  const connector = findConnector(one(search.connector) ?? "");
  if (!connector)
    return <ConnectorChooser nexsetName={nexset.name} query={{ nexsetId, ...(flowId ? { flowId } : {}) }} />;
  return <DestinationWizard data={{ mode: "create", nexset, flowId, regionBaseUrls: regionBaseUrls() }} />;
}
