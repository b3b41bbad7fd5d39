import { loadCredentialToken, type LoadedCredential } from "@/lib/credentials/load-credential-token";
import type { Db } from "@/lib/db/client";
import { ensureResponseWebhookSource } from "@/lib/delivery/response-webhook";
import { markNeedsReconnect } from "@/lib/delivery/needs-reconnect";
import type { Logger } from "@/lib/log";
import { jobSpecFor, type JobSpec } from "./bulk-job-poll";
import type { ClaimSettings } from "./claim-task";
import { type DestinationSnapshot, loadDestinationSnapshot } from "./destination-snapshot";

// What a run knows of its destination, kept current: the snapshot (status, settings, record
// count), the credential's token, the response webhook's Nexset and the bulk-job spec. Settings
// that can't be used come back as a problem; the run stops with it (failDestination). Also here:
// what a run that must stop writes about its destination.

export class DestinationView {
  credential: LoadedCredential | undefined;
  responseNexsetId: string | null = null;
  private jobSpec: JobSpec | undefined;
  private nextRefresh = 0;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    public snapshot: DestinationSnapshot,
    private readonly refreshIntervalMs: number,
  ) {}

  get refreshDue(): boolean {
    return Date.now() >= this.nextRefresh;
  }

  /** The settings a claim's requests are built with, as they are now. */
  claimSettings(): ClaimSettings {
    const config = this.snapshot.config!;
    return {
      config,
      configVersion: this.snapshot.configVersion,
      responseWebhook: config.responseWebhook.enabled,
      jobSpec: this.jobSpec,
    };
  }

  /** Loads what the config and credential need; why not, when impossible. */
  async prepare(): Promise<string | undefined> {
    const snapshot = this.snapshot;
    if (!snapshot.config)
      return `The destination's settings are invalid: ${snapshot.configProblem ?? "unknown problem"}`;
    if (this.credential?.id !== snapshot.credentialId) {
      try {
        this.credential = await loadCredentialToken(this.db, snapshot.organisationId, snapshot.credentialId);
      } catch (error) {
        return `The credential can't be used: ${(error as Error).message}`;
      }
    }
    this.responseNexsetId = snapshot.config.responseWebhook.enabled
      ? (await ensureResponseWebhookSource(this.db, snapshot)).nexsetId
      : null;
    this.jobSpec = jobSpecFor(snapshot.config.method, snapshot.config.urlTemplate, snapshot.config.intercomVersion);
    return undefined;
  }

  /** Reloads the destination; a problem that stops the run, when there is one. */
  async refresh(): Promise<string | undefined> {
    this.nextRefresh = Date.now() + this.refreshIntervalMs;
    try {
      const fresh = await loadDestinationSnapshot(this.db, this.snapshot.id);
      if (!fresh) {
        this.snapshot = { ...this.snapshot, status: "deleted" };
        return undefined;
      }
      const changed =
        fresh.configVersion !== this.snapshot.configVersion || fresh.credentialId !== this.snapshot.credentialId;
      // Settings that no longer parse stop the run; calls in flight keep the last good ones.
      this.snapshot = fresh.config ? fresh : { ...fresh, config: this.snapshot.config };
      if (!fresh.config) return `The destination's settings are invalid: ${fresh.configProblem ?? "unknown problem"}`;
      if (changed) return await this.prepare();
    } catch (error) {
      // The database is briefly unreachable: carry on with what we know and look again shortly.
      this.log.warn(
        { destinationId: this.snapshot.id, err: (error as Error).message },
        "could not refresh destination",
      );
    }
    return undefined;
  }

  /** The settings can't build requests (or the credential can't be used): the destination goes to error. */
  async failDestination(message: string): Promise<void> {
    await this.db.destination
      .updateMany({
        where: { id: this.snapshot.id, status: "active" },
        data: { status: "error", statusMessage: message.slice(0, 1000) },
      })
      .catch(() => undefined);
  }

  /** A 401: the connection needs reconnecting and its active destinations pause (their claims stay in flight). */
  async markNeedsReconnect(reason: string): Promise<void> {
    await markNeedsReconnect(this.db, this.credential!.id, reason).catch((error: Error) =>
      this.log.warn({ destinationId: this.snapshot.id, err: error.message }, "could not mark needs reconnecting"),
    );
  }
}
