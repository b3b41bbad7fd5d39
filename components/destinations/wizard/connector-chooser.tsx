import Link from "next/link";
import { connectors } from "@/lib/connectors/registry";
import styles from "./wizard.module.css";

/** "Send to Destination" → choose a connector (from the registry), then the wizard. */
export function ConnectorChooser({ nexsetName, query }: { nexsetName: string; query: Record<string, string> }) {
  return (
    <>
      <div className="page-header">
        <div>
          <h1 className="page-title">Send “{nexsetName}” to a destination</h1>
          <p className="page-subtitle">Choose where its records go.</p>
        </div>
      </div>
      <div className={styles.connectors}>
        {Object.values(connectors).map((connector) => (
          <Link
            key={connector.id}
            className={styles.connector}
            href={`/destinations/new?${new URLSearchParams({ ...query, connector: connector.id })}`}
          >
            <strong>{connector.name}</strong>
            <span className="muted">
              {connector.endpoints.length} endpoints · API {connector.defaultApiVersion} ·{" "}
              {connector.regions.map((region) => region.id.toUpperCase()).join(", ")}
            </span>
          </Link>
        ))}
      </div>
    </>
  );
}
