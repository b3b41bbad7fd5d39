import type { IncomingMessage } from "node:http";
import type { AppRegistry } from "../state/app-registry";
import type { SandboxApp } from "../state/sandbox-app";

/** The token in `Authorization: Bearer <token>`, if any. */
export function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const space = header.indexOf(" ");
  if (space < 0 || header.slice(0, space).toLowerCase() !== "bearer") return undefined;
  return header.slice(space + 1).trim() || undefined;
}

/** The app whose token is in `Authorization: Bearer <token>`, if any. */
export function authenticate(req: IncomingMessage, registry: AppRegistry): SandboxApp | undefined {
  const token = bearerToken(req);
  return token ? registry.byToken(token) : undefined;
}
