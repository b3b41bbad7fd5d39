import type { OverviewCredential } from "@/lib/delivery/monitoring/get-destination-overview";

const REGION_LABELS: Record<string, string> = { us: "US", eu: "EU", au: "AU", sandbox: "Sandbox" };

/** The connection a destination calls Intercom with; a colleague's personal one only as whose it is. */
export function DestinationCredential({ credential }: { credential: OverviewCredential }) {
  if (!credential.visible)
    return (
      <span>
        Credential: personal to <strong>{credential.personalTo}</strong>
      </span>
    );
  return (
    <span>
      Credential <strong>{credential.name}</strong> ({REGION_LABELS[credential.region] ?? credential.region}, token …
      {credential.tokenLast4})
    </span>
  );
}
