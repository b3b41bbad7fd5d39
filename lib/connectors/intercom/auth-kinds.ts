import type { AuthKindDefinition } from "@/lib/connectors/types";

export const AUTH_KIND_IDS = ["access_token", "oauth"] as const;
export const OAUTH_KIND_IDS = ["personal", "organisational"] as const;

// The OAuth permissions an Intercom app can be granted (as Tray lists them for its connector).
const OAUTH_SCOPES = [
  { id: "read_users_companies", name: "Read and list users and companies" },
  { id: "write_users_companies", name: "Write users and companies" },
  { id: "read_single_user_company", name: "Read one user and one company" },
  { id: "read_conversations", name: "Read conversations" },
  { id: "write_conversations", name: "Write conversations" },
  { id: "read_tags", name: "Read tags" },
  { id: "write_tags", name: "Write tags" },
  { id: "read_events", name: "Read events" },
  { id: "write_events", name: "Write events" },
  { id: "read_admins", name: "Read admins" },
  { id: "read_data_attributes", name: "Read data attributes" },
  { id: "write_data_attributes", name: "Write data attributes" },
  { id: "read_tickets", name: "Read tickets" },
  { id: "write_tickets", name: "Write tickets" },
  { id: "read_content", name: "Read content (data export)" },
] as const;

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
