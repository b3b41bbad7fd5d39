import { randomBytes } from "node:crypto";
import { type FaultSettings, mergeFaults } from "../faults";
import { AppData } from "./app-data";
import { newToken } from "./ids";
import { type AppOverrides, buildApp, type RecordedRequest, type Region, type SandboxApp } from "./sandbox-app";
import { RingBuffer } from "./ring-buffer";

export interface SandboxDefaults {
  exportDurationMs: number;
  bulkJobDurationMs: number;
  /** How long a created contact stays invisible to POST /contacts/search. */
  searchIndexLagMs: number;
  rateLimitPer10s: number;
  requestLogSize: number;
  defaultVersion: string;
}

export interface CreateAppInput {
  name: string;
  token?: string;
  rateLimitPer10s?: number;
  region?: Region;
  apiVersion?: string;
  dataAttributes?: Array<{ name: string; model?: "contact" | "company"; dataType?: string }>;
  bootstrap?: boolean;
}

export class TokenTakenError extends Error {}

/** All Intercom apps of one sandbox, their tokens, and settings that apply across apps. */
export class AppRegistry {
  private readonly byIdMap = new Map<string, SandboxApp>();
  private readonly byTokenMap = new Map<string, SandboxApp>();
  /** OAuth tokens: the permissions ticked on the OAuth app that issued them. An app's own token has all. */
  private readonly grantedByToken = new Map<string, readonly string[]>();
  private readonly seedAttributes = new Map<string, NonNullable<CreateAppInput["dataAttributes"]>>();
  private adminSeq = 991_200_000;
  globalFaults: FaultSettings = {};
  globalOverrides: AppOverrides = {};
  /** Requests no app can be blamed for (bad or missing token). */
  readonly unattributed: RingBuffer<RecordedRequest>;

  constructor(readonly defaults: SandboxDefaults) {
    this.unattributed = new RingBuffer<RecordedRequest>(defaults.requestLogSize);
  }

  create(input: CreateAppInput, nowMs = Date.now()): SandboxApp {
    const token = input.token ?? newToken();
    if (this.byTokenMap.has(token)) throw new TokenTakenError("An app with this token already exists");
    const app = buildApp({
      id: this.newAppId(),
      name: input.name,
      token,
      region: input.region ?? "US",
      defaultVersion: input.apiVersion ?? this.defaults.defaultVersion,
      rateLimitPer10s: input.rateLimitPer10s ?? this.defaults.rateLimitPer10s,
      bootstrap: input.bootstrap ?? false,
      requestLogSize: this.defaults.requestLogSize,
      nowMs,
      adminId: String(++this.adminSeq),
    });
    this.seedAttributes.set(app.id, input.dataAttributes ?? []);
    this.seed(app);
    this.byIdMap.set(app.id, app);
    this.byTokenMap.set(token, app);
    return app;
  }

  byToken(token: string): SandboxApp | undefined {
    return this.byTokenMap.get(token);
  }

  /**
   * Another token for an app's workspace (an OAuth grant); it works until revoked. With `permissions`
   * (the OAuth app's), each call needs the endpoint's permission among them; without, it has them all.
   */
  grantToken(app: SandboxApp, permissions?: readonly string[]): string {
    const token = newToken();
    this.byTokenMap.set(token, app);
    if (permissions) this.grantedByToken.set(token, [...permissions]);
    return token;
  }

  /** The permissions an OAuth token was issued with; undefined for a token that has them all. */
  permissionsOf(token: string): readonly string[] | undefined {
    return this.grantedByToken.get(token);
  }

  /** Forgets a token (OAuth or the app's own): every later call with it answers 401. */
  revokeToken(token: string): boolean {
    this.grantedByToken.delete(token);
    return this.byTokenMap.delete(token);
  }

  byId(id: string): SandboxApp | undefined {
    return this.byIdMap.get(id);
  }

  list(): SandboxApp[] {
    return [...this.byIdMap.values()];
  }

  rateLimitFor(app: SandboxApp): number {
    return app.overrides.rateLimitPer10s ?? this.globalOverrides.rateLimitPer10s ?? app.rateLimitPer10s;
  }

  exportDurationFor(app: SandboxApp): number {
    return app.overrides.exportDurationMs ?? this.globalOverrides.exportDurationMs ?? this.defaults.exportDurationMs;
  }

  bulkDurationFor(app: SandboxApp): number {
    return app.overrides.bulkJobDurationMs ?? this.globalOverrides.bulkJobDurationMs ?? this.defaults.bulkJobDurationMs;
  }

  searchIndexLagFor(app: SandboxApp): number {
    return app.overrides.searchIndexLagMs ?? this.globalOverrides.searchIndexLagMs ?? this.defaults.searchIndexLagMs;
  }

  faultsFor(app: SandboxApp | undefined): FaultSettings {
    return app ? mergeFaults(this.globalFaults, app.faults) : this.globalFaults;
  }

  /** Empties one app (data, request log, faults, overrides); the app and its token stay. */
  resetApp(app: SandboxApp): void {
    app.data = new AppData(app.createdAt);
    app.requests.clear();
    app.faults = {};
    app.overrides = {};
    app.limiter.reset();
    this.seed(app);
  }

  /** Empties every app and the global settings; `dropApps` also forgets apps not created at start. */
  resetAll(dropApps: boolean): void {
    this.globalFaults = {};
    this.globalOverrides = {};
    this.unattributed.clear();
    for (const app of this.list()) {
      if (dropApps && !app.bootstrap) {
        this.byIdMap.delete(app.id);
        for (const [token, holder] of this.byTokenMap)
          if (holder === app) {
            this.byTokenMap.delete(token);
            this.grantedByToken.delete(token);
          }
        this.seedAttributes.delete(app.id);
      } else this.resetApp(app);
    }
  }

  /** Data attributes named at creation survive a reset, like the app itself. */
  private seed(app: SandboxApp): void {
    for (const attribute of this.seedAttributes.get(app.id) ?? []) {
      app.data.dataAttributes.create({
        name: attribute.name,
        model: attribute.model ?? "contact",
        dataType: attribute.dataType ?? "string",
        description: "",
        options: [],
        createdAt: app.createdAt,
      });
    }
  }

  private newAppId(): string {
    const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    for (;;) {
      const id = Array.from(randomBytes(8), (b) => alphabet[b % alphabet.length]).join("");
      if (!this.byIdMap.has(id)) return id;
    }
  }
}
