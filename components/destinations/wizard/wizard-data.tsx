"use client";

import { createContext, type ReactNode, useContext } from "react";
import { useWatch } from "react-hook-form";
import { useCredentials } from "@/components/credentials/use-credentials";
import type { PublicCredential } from "@/lib/credentials/schemas";
import type { WizardNexsetData } from "@/lib/destinations/load-wizard-data";

/** What the wizard knows besides the form values: the Nexset it sends, and where it came from. */
export type WizardNexset = WizardNexsetData;

export interface WizardData {
  mode: "create" | "edit";
  destinationId?: string;
  configVersion?: number;
  flowId?: string;
  nexset: WizardNexset;
  /** Each region's API host as the server resolves it (the sandbox URL is configured there). */
  regionBaseUrls: Record<string, string>;
  /** Editing a colleague's destination on their personal connection: its id and whose it is, nothing more. */
  personalCredential?: { id: string; personalTo: string };
}

const WizardDataContext = createContext<WizardData | null>(null);

export function WizardDataProvider({ value, children }: { value: WizardData; children: ReactNode }) {
  return <WizardDataContext.Provider value={value}>{children}</WizardDataContext.Provider>;
}

export function useWizardData(): WizardData {
  const data = useContext(WizardDataContext);
  if (!data) throw new Error("useWizardData must be used inside the destination wizard");
  return data;
}

export interface SelectedCredential {
  credential: PublicCredential | undefined;
  /** The credential's region host, when one is chosen and known. */
  baseUrl: string | undefined;
}

/** The credential chosen in the form (and its host), from the credentials list. */
export function useSelectedCredential(): SelectedCredential {
  const { regionBaseUrls } = useWizardData();
  const credentialId = useWatch<{ credentialId: string }>({ name: "credentialId" });
  const credentials = useCredentials();
  return credentialFor(credentials.data, credentialId, regionBaseUrls);
}

export function credentialFor(
  credentials: PublicCredential[] | undefined,
  credentialId: string | undefined,
  regionBaseUrls: Record<string, string>,
): SelectedCredential {
  const credential = credentials?.find((candidate) => candidate.id === credentialId);
  return { credential, baseUrl: credential ? regionBaseUrls[credential.region] : undefined };
}
