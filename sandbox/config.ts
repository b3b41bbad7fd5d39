import { z } from "zod";
import { createAppSchema, createOAuthClientSchema } from "./admin-actions";
import type { SandboxOptions } from "./server";

// The CLI's environment: SANDBOX_PORT, SANDBOX_HOST, SANDBOX_BOOTSTRAP_APPS and a few tunables.

const port = z.coerce.number().int().min(0).max(65_535);
const positiveInt = z.coerce.number().int().positive();

const envSchema = z.object({
  SANDBOX_PORT: port.default(4010),
  SANDBOX_HOST: z.string().min(1).default("127.0.0.1"),
  SANDBOX_BOOTSTRAP_APPS: z.string().optional(),
  SANDBOX_BOOTSTRAP_OAUTH_APPS: z.string().optional(),
  SANDBOX_EXPORT_DURATION_MS: z.coerce.number().int().min(0).optional(),
  SANDBOX_BULK_JOB_DURATION_MS: z.coerce.number().int().min(0).optional(),
  SANDBOX_SEARCH_INDEX_LAG_MS: z.coerce.number().int().min(0).optional(),
  SANDBOX_RATE_LIMIT_PER_10S: positiveInt.optional(),
  SANDBOX_ALLOW_REMOTE_ADMIN: z.enum(["0", "1", "true", "false"]).optional(),
  SANDBOX_ADMIN_TOKEN: z
    .string()
    .trim()
    .min(16, "use at least 16 characters")
    .regex(/^\S+$/, "no whitespace")
    .optional(),
});

export class ConfigError extends Error {}

const bootstrapAppSchema = createAppSchema.extend({
  token: z
    .string({ error: "a token is required (the app must keep it across restarts)" })
    .min(1)
    .regex(/^\S+$/, "token must not contain whitespace"),
});

export function readSandboxConfig(
  env: Record<string, string | undefined>,
): SandboxOptions & { port: number; host: string } {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(
      `Invalid sandbox setting ${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid value"}.`,
    );
  }
  const e = parsed.data;
  return {
    port: e.SANDBOX_PORT,
    host: e.SANDBOX_HOST,
    exportDurationMs: e.SANDBOX_EXPORT_DURATION_MS,
    bulkJobDurationMs: e.SANDBOX_BULK_JOB_DURATION_MS,
    searchIndexLagMs: e.SANDBOX_SEARCH_INDEX_LAG_MS,
    defaultRateLimitPer10s: e.SANDBOX_RATE_LIMIT_PER_10S,
    allowRemoteAdmin: e.SANDBOX_ALLOW_REMOTE_ADMIN === "1" || e.SANDBOX_ALLOW_REMOTE_ADMIN === "true",
    adminToken: e.SANDBOX_ADMIN_TOKEN,
    bootstrapApps: parseBootstrapApps(e.SANDBOX_BOOTSTRAP_APPS),
    bootstrapOAuthApps: parseBootstrapOAuthApps(e.SANDBOX_BOOTSTRAP_OAUTH_APPS),
  };
}

/** SANDBOX_BOOTSTRAP_APPS: a JSON array of {name, token, rateLimitPer10s?} created at start. */
export function parseBootstrapApps(value: string | undefined): z.output<typeof createAppSchema>[] {
  if (value === undefined || value.trim() === "") return [];
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    throw new ConfigError(
      'SANDBOX_BOOTSTRAP_APPS is not valid JSON; expected an array like [{"name":"Demo","token":"…"}].',
    );
  }
  const apps = z.array(bootstrapAppSchema).safeParse(json);
  if (!apps.success) {
    const issue = apps.error.issues[0];
    throw new ConfigError(
      `SANDBOX_BOOTSTRAP_APPS is invalid at ${issue?.path.join(".") ?? "?"}: ${issue?.message ?? "invalid"}.`,
    );
  }
  const tokens = apps.data.map((a) => a.token);
  if (new Set(tokens).size !== tokens.length)
    throw new ConfigError("SANDBOX_BOOTSTRAP_APPS names the same token twice.");
  return apps.data;
}

const bootstrapOAuthAppSchema = createOAuthClientSchema.required({ clientId: true, clientSecret: true });

/** SANDBOX_BOOTSTRAP_OAUTH_APPS: a JSON array of {name, clientId, clientSecret, redirectUrls, permissions?}. */
export function parseBootstrapOAuthApps(value: string | undefined): z.output<typeof bootstrapOAuthAppSchema>[] {
  if (value === undefined || value.trim() === "") return [];
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    throw new ConfigError("SANDBOX_BOOTSTRAP_OAUTH_APPS is not valid JSON; expected an array of OAuth apps.");
  }
  const apps = z.array(bootstrapOAuthAppSchema).safeParse(json);
  if (!apps.success) {
    const issue = apps.error.issues[0];
    throw new ConfigError(
      `SANDBOX_BOOTSTRAP_OAUTH_APPS is invalid at ${issue?.path.join(".") ?? "?"}: ${issue?.message ?? "invalid"}.`,
    );
  }
  return apps.data;
}
