import type { FaultSettings } from "../faults";
import { WindowCounter } from "../rate-limit";
import { AppData } from "./app-data";
import { RingBuffer } from "./ring-buffer";

export type Region = "US" | "EU" | "AU";

export interface RecordedRequest {
  seq: number;
  time: string;
  appId: string | null;
  requestId: string;
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  /** Request headers with the Authorization value replaced. */
  headers: Record<string, string>;
  body: unknown;
  /** null when the connection was reset on purpose (fault injection). */
  status: number | null;
  durationMs: number;
}

export interface AppOverrides {
  rateLimitPer10s?: number;
  exportDurationMs?: number;
  bulkJobDurationMs?: number;
  searchIndexLagMs?: number;
}

export interface SandboxApp {
  /** Also the workspace's id_code and every contact's workspace_id. */
  id: string;
  name: string;
  token: string;
  region: Region;
  defaultVersion: string;
  createdAt: number;
  admin: { id: string; name: string; email: string };
  rateLimitPer10s: number;
  bootstrap: boolean;
  overrides: AppOverrides;
  faults: FaultSettings;
  limiter: WindowCounter;
  requests: RingBuffer<RecordedRequest>;
  data: AppData;
}

export interface NewApp {
  id: string;
  name: string;
  token: string;
  region: Region;
  defaultVersion: string;
  rateLimitPer10s: number;
  bootstrap: boolean;
  requestLogSize: number;
  nowMs: number;
  adminId: string;
}

export function buildApp(input: NewApp): SandboxApp {
  const createdAt = Math.floor(input.nowMs / 1000);
  return {
    id: input.id,
    name: input.name,
    token: input.token,
    region: input.region,
    defaultVersion: input.defaultVersion,
    createdAt,
    admin: { id: input.adminId, name: `${input.name} Admin`, email: `admin@${input.id}.sandbox.intercom.test` },
    rateLimitPer10s: input.rateLimitPer10s,
    bootstrap: input.bootstrap,
    overrides: {},
    faults: {},
    limiter: new WindowCounter(),
    requests: new RingBuffer<RecordedRequest>(input.requestLogSize),
    data: new AppData(createdAt),
  };
}
