import { z } from "zod";
import { AUTH_KIND_IDS, OAUTH_KIND_IDS } from "@/lib/connectors/intercom/auth-kinds";
import { REGION_IDS } from "@/lib/connectors/intercom/regions";

// One schema for the form (zodResolver), the route handler and the domain (HOUSE-STYLE 3).

export const regionSchema = z.enum(REGION_IDS, { error: `Choose a region: ${REGION_IDS.join(", ")}` });

export const tokenSchema = z
  .string({ error: "Enter the access token" })
  .trim()
  .min(1, "Enter the access token")
  .max(4096, "That token is too long to be an Intercom token")
  .regex(/^\S+$/, "The token cannot contain spaces or line breaks");

export const credentialNameSchema = z
  .string({ error: "Give the connection a name" })
  .trim()
  .min(1, "Give the connection a name")
  .max(100, "Keep the name under 100 characters");

export const createCredentialSchema = z
  .object({
    name: credentialNameSchema,
    region: regionSchema,
    authKind: z.enum(AUTH_KIND_IDS).default("access_token"),
    oauthKind: z.enum(OAUTH_KIND_IDS).optional(),
    scopes: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
    token: tokenSchema,
  })
  .superRefine((input, ctx) => {
    if (input.authKind !== "oauth" && (input.oauthKind !== undefined || (input.scopes?.length ?? 0) > 0)) {
      ctx.addIssue({
        code: "custom",
        path: ["oauthKind"],
        message: "OAuth kind and scopes only apply to OAuth tokens",
      });
    }
  });
export type CreateCredentialInput = z.input<typeof createCredentialSchema>;

/** "Test connection" before saving: just where and what. */
export const testConnectionSchema = z.object({ region: regionSchema, token: tokenSchema });
export type TestConnectionInput = z.input<typeof testConnectionSchema>;

/** Connect with Intercom: what the form sends; the server answers with the consent page to go to. */
export const startOAuthSchema = z.object({
  name: credentialNameSchema,
  region: regionSchema,
  oauthKind: z.enum(OAUTH_KIND_IDS, { error: "Choose Personal or Organisational" }),
  /** The app page to come back to (a path on this site); the Credentials page when absent. */
  returnTo: z.string().max(2000).optional(),
});
export type StartOAuthInput = z.input<typeof startOAuthSchema>;
export const startOAuthResultSchema = z.object({ authorizeUrl: z.string() });

/** What Intercom sends back to the callback (redirect_uri). */
export const oauthCallbackQuerySchema = z.object({
  code: z.string().max(1000).optional(),
  state: z.string().max(200).optional(),
  error: z.string().max(200).optional(),
});

/** Rename, or set the connection's own budget per 10-second window (null: the install's default). */
export const updateCredentialSchema = z
  .object({
    name: credentialNameSchema.optional(),
    rateLimitPer10s: z
      .number({ error: "Enter a whole number of calls per 10 seconds" })
      .int("Enter a whole number of calls per 10 seconds")
      .min(1, "At least 1 call per 10 seconds")
      .max(100_000, "At most 100,000 calls per 10 seconds")
      .nullable()
      .optional(),
  })
  .refine((v) => v.name !== undefined || v.rateLimitPer10s !== undefined, {
    message: "Send a new name or rateLimitPer10s",
  });
export type UpdateCredentialInput = z.input<typeof updateCredentialSchema>;

/** Replace the token: checked with GET /me; another workspace only when confirmed. */
export const replaceTokenSchema = z.object({
  token: tokenSchema,
  allowOtherWorkspace: z.boolean().optional(),
});
export type ReplaceTokenInput = z.input<typeof replaceTokenSchema>;

/** What uses a connection: shown before deleting it. */
const namedRef = z.object({ id: z.string(), name: z.string() });
export const credentialUsageSchema = z.object({
  destinations: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      status: z.string(),
      /** The catalogue operation the destination calls (null for a URL outside the catalogue). */
      operation: namedRef.nullable(),
      /** Intercom permissions (OAuth scopes) that operation needs. */
      permissions: z.array(z.string()),
    }),
  ),
  sources: z.array(namedRef),
  /** Permission → operations needing it → destinations calling them. */
  permissions: z.array(
    z.object({
      permission: z.string(),
      operations: z.array(namedRef.extend({ destinations: z.array(namedRef) })),
    }),
  ),
});
export type CredentialUsage = z.infer<typeof credentialUsageSchema>;

const keyValueRows = z
  .array(z.object({ key: z.string().trim().max(200), value: z.string().max(4000) }))
  .max(50, "At most 50 rows")
  .default([]);

/** Try a request (Tray's universal operation): a path below the connection's region API. */
export const tryRequestSchema = z.object({
  method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"], { error: "Choose GET, POST, PUT, PATCH or DELETE" }),
  path: z
    .string({ error: "Enter a path, e.g. /contacts" })
    .trim()
    .min(1, "Enter a path, e.g. /contacts")
    .max(2000, "That path is too long"),
  query: keyValueRows,
  headers: keyValueRows,
  /** JSON text, sent as the body (not with GET). */
  body: z
    .string()
    .max(1024 * 1024, "Keep the body under 1 MB")
    .optional(),
});
export type TryRequestInput = z.input<typeof tryRequestSchema>;

export const tryRequestResultSchema = z.object({
  method: z.string(),
  url: z.string(),
  status: z.number().int().nullable(),
  outcome: z.string(),
  errorMessage: z.string().nullable(),
  rateLimit: z.record(z.string(), z.string()),
  body: z.string(),
  bodyTruncated: z.boolean(),
  latencyMs: z.number(),
});
export type TryRequestResult = z.infer<typeof tryRequestResultSchema>;

/** Settings → Intercom OAuth app (an organisation admin). */
export const saveOAuthAppSchema = z.object({
  clientId: z.string({ error: "Enter the client id" }).trim().min(1, "Enter the client id").max(200),
  clientSecret: z
    .string({ error: "Enter the client secret" })
    .trim()
    .min(1, "Enter the client secret")
    .max(500)
    .regex(/^\S+$/, "The secret cannot contain spaces"),
});
export type SaveOAuthAppInput = z.input<typeof saveOAuthAppSchema>;

/** The secret never leaves the server: only where the app comes from and its client id. */
export const oauthAppSettingsSchema = z.object({
  redirectUrl: z.string(),
  source: z.enum(["sandbox_demo", "settings", "environment"]).nullable(),
  clientId: z.string().nullable(),
});
export type OAuthAppSettingsView = z.infer<typeof oauthAppSettingsSchema>;

/** What leaves the server about a credential: never the token or its ciphertext. */
export const publicCredentialSchema = z.object({
  id: z.string(),
  name: z.string(),
  region: z.string(),
  regionName: z.string(),
  authKind: z.string(),
  oauthKind: z.string().nullable(),
  scopes: z.array(z.string()),
  tokenMasked: z.string(),
  workspaceName: z.string().nullable(),
  workspaceId: z.string().nullable(),
  adminName: z.string().nullable(),
  adminEmail: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  rateLimitPer10s: z.number().int().nullable(),
  /** Set when Intercom answered 401: the token was revoked and the connection must be reconnected. */
  needsReconnect: z.boolean(),
  needsReconnectReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PublicCredential = z.infer<typeof publicCredentialSchema>;

export const testConnectionResultSchema = z.discriminatedUnion("ok", [
  z.object({
    ok: z.literal(true),
    region: z.string(),
    workspaceName: z.string().nullable(),
    workspaceId: z.string().nullable(),
    adminName: z.string().nullable(),
    adminEmail: z.string().nullable(),
    latencyMs: z.number(),
  }),
  z.object({
    ok: z.literal(false),
    region: z.string(),
    errorCode: z.string(),
    errorMessage: z.string(),
  }),
]);
export type TestConnectionResult = z.infer<typeof testConnectionResultSchema>;
