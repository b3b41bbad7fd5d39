import type { IncomingHttpHeaders } from "node:http";
import type { PathParams } from "../http/router";
import type { Scheduler } from "../scheduler";
import type { AppRegistry } from "../state/app-registry";
import type { SandboxApp } from "../state/sandbox-app";

export interface IntercomRequest {
  app: SandboxApp;
  version: string;
  params: PathParams;
  query: URLSearchParams;
  body: unknown;
  headers: IncomingHttpHeaders;
  nowMs: number;
  /** Scheme + host the client used, for URLs Intercom hands back (download_url, bulk job url). */
  baseUrl: string;
  registry: AppRegistry;
  scheduler: Scheduler;
}

export interface IntercomResult {
  status: number;
  body?: unknown;
  bytes?: { data: Buffer; contentType: string; headers?: Record<string, string> };
}

export type IntercomHandler = (request: IntercomRequest) => IntercomResult;

export type IntercomMethod = "GET" | "POST" | "PUT" | "DELETE";

export interface IntercomRoute {
  method: IntercomMethod;
  path: string;
  handler: IntercomHandler;
  /** Versions the endpoint exists in; absent means every supported version. */
  availableIn?: (version: string) => boolean;
}

export const ok = (body: unknown): IntercomResult => ({ status: 200, body });
