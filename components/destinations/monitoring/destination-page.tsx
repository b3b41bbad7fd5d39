"use client";

import { useEffect, useState } from "react";
import type { DestinationOverview } from "@/lib/delivery/monitoring/get-destination-overview";
import { ActivityLogCard } from "./activity-log-card";
import { DeliveryChartsCard } from "./delivery-charts-card";
import { DeliveryProgressCard } from "./delivery-progress-card";
import { DestinationHeader } from "./destination-header";
import { ErrorRecordsCard } from "./error-records-card";
import styles from "./monitoring.module.css";
import { RateLimitCard } from "./rate-limit-card";
import { useDeliveryProgress } from "./use-delivery-progress";

/** How long after a replay is queued the page keeps polling fast, whatever the status. */
const REPLAY_BUSY_MS = 60_000;

function useReplayBusy(): [boolean, () => void] {
  const [until, setUntil] = useState(0);
  const busy = until > 0;
  useEffect(() => {
    if (until === 0) return;
    const timer = setTimeout(() => setUntil(0), Math.max(0, until - Date.now()));
    return () => clearTimeout(timer);
  }, [until]);
  return [busy, () => setUntil(Date.now() + REPLAY_BUSY_MS)];
}

/** The destination page: header with status and actions, then live monitoring and error records. */
export function DestinationPage({ overview }: { overview: DestinationOverview }) {
  const [replayBusy, markReplayQueued] = useReplayBusy();
  const progress = useDeliveryProgress(overview.id, replayBusy);
  // The polled status is the live one; the server-rendered status stands in until it answers.
  const status = progress.data?.status ?? overview.status;
  const statusMessage = progress.data ? progress.data.statusMessage : overview.statusMessage;
  const pollStatus = replayBusy ? "active" : status;
  return (
    <>
      <DestinationHeader overview={overview} status={status} statusMessage={statusMessage} />
      <div className={styles.grid}>
        <DeliveryProgressCard progress={progress.data} error={progress.error} />
        <RateLimitCard destinationId={overview.id} status={pollStatus} />
      </div>
      <DeliveryChartsCard destinationId={overview.id} status={pollStatus} />
      <ErrorRecordsCard
        destinationId={overview.id}
        status={status}
        replayBusy={replayBusy}
        onReplayQueued={markReplayQueued}
      />
      <ActivityLogCard destinationId={overview.id} status={pollStatus} />
    </>
  );
}
