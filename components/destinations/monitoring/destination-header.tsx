"use client";

import Link from "next/link";
import type { DestinationOverview } from "@/lib/delivery/monitoring/get-destination-overview";
import { DestinationStatusBadge } from "../status-badge";
import { DestinationCredential } from "./destination-credential";
import { DestinationStatusActions } from "./destination-status-actions";
import styles from "./monitoring.module.css";

interface Props {
  overview: DestinationOverview;
  /** The live status (polled); the server-rendered one until the first poll answers. */
  status: string;
  statusMessage: string | null;
}

export function DestinationHeader({ overview, status, statusMessage }: Props) {
  const { nexset, credential, request, responseWebhook } = overview;
  return (
    <>
      <div className={`page-header ${styles.header}`}>
        <div>
          <div className={styles.titleRow}>
            <h1 className="page-title">{overview.name}</h1>
            <DestinationStatusBadge status={status} message={statusMessage} />
          </div>
          <p className={styles.meta}>
            <span>
              Reads <Link href={`/nexsets/${encodeURIComponent(nexset.id)}`}>{nexset.name}</Link>
            </span>
            <DestinationCredential credential={credential} />
            {request && (
              <code>
                {request.method} {request.urlTemplate}
              </code>
            )}
            <span>Settings version {overview.configVersion}</span>
            {responseWebhook.enabled &&
              (responseWebhook.nexsetId ? (
                <span>
                  Responses →{" "}
                  <Link href={`/nexsets/${encodeURIComponent(responseWebhook.nexsetId)}`}>response Nexset</Link>
                </span>
              ) : (
                <span>Response webhook on (its Nexset is created on activation)</span>
              ))}
          </p>
        </div>
        <DestinationStatusActions destinationId={overview.id} status={status} />
      </div>
      {status === "error" && (
        <div className={`alert alert-error ${styles.statusAlert}`} role="status">
          <strong>Delivery stopped with an error.</strong>{" "}
          {statusMessage ?? "Check the activity log and the error records below."} Fix the settings, then activate
          again.
        </div>
      )}
      {status === "draft" && (
        <div className={`alert alert-warning ${styles.statusAlert}`} role="status">
          This destination is a draft: nothing is sent until you activate it.
        </div>
      )}
      {status === "paused" && (
        <div className={`alert alert-warning ${styles.statusAlert}`} role="status">
          {statusMessage ? (
            <>
              {statusMessage} <Link href="/credentials">Open Credentials</Link>
            </>
          ) : (
            "Paused: no new calls are made. Resume continues from where delivery stopped."
          )}
        </div>
      )}
      {overview.configProblem && (
        <div className={`alert alert-error ${styles.statusAlert}`} role="alert">
          The saved settings are incomplete ({overview.configProblem}). Open Edit to fix them before activating.
        </div>
      )}
    </>
  );
}
