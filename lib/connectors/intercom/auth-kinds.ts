import type { AuthKindDefinition } from "@/lib/connectors/types";
import { INTERCOM_PERMISSIONS, scopeIdOf } from "./permissions";

export const AUTH_KIND_IDS = ["access_token", "oauth"] as const;
export const OAUTH_KIND_IDS = ["personal", "organisational"] as const;

// The OAuth permissions an Intercom app can be granted: the one list in permissions.ts.
const OAUTH_SCOPES = INTERCOM_PERMISSIONS.map((name) => ({ id: scopeIdOf(name), name }));

export const intercomAuthKinds: readonly AuthKindDefinition[] = [
  {
    id: "access_token",
    name: "Access token",
    description: "The access token of an Intercom app in your workspace (Developer Hub → your app → Authentication).",
  },
  {
    id: "oauth",
    name: "OAuth token",
    description:
      "A token obtained through Intercom OAuth, for an admin (personal) or for the whole workspace (organisational).",
    oauthKinds: [
      { id: "personal", name: "Personal" },
      { id: "organisational", name: "Organisational" },
    ],
    scopes: OAUTH_SCOPES,
  },
];
