import type { OrgContext } from "@/lib/api/authenticate-request";

// Personal or organisational: a personal OAuth connection is its creator's only (lists, pickers,
// reading, changing, using it in a new destination), whether they come with a session or an API key
// they created. Everyone in the organisation sees the others. The worker runs destinations on either
// kind: it loads tokens by organisation (load-credential-token.ts), not through this.

export interface CredentialViewer {
  organisationId: string;
  /** The signed-in user, or the creator of the API key in use. */
  userId?: string;
}

/** An organisation id alone sees only organisational connections. */
export type ViewerArg = string | CredentialViewer;

export function asViewer(viewer: ViewerArg): CredentialViewer {
  return typeof viewer === "string" ? { organisationId: viewer } : viewer;
}

export function viewerOf(org: OrgContext): CredentialViewer {
  return { organisationId: org.organisationId, userId: org.via === "session" ? org.userId : org.keyOwnerId };
}

/** The Prisma filter for the connections this viewer may see. */
export function visibleCredentialsWhere(arg: ViewerArg) {
  const viewer = asViewer(arg);
  return {
    organisationId: viewer.organisationId,
    OR: [
      { oauthKind: null },
      { oauthKind: { not: "personal" } },
      ...(viewer.userId ? [{ createdById: viewer.userId }] : []),
    ],
  };
}

/** The columns personalToFor reads (never the token). */
export const personalToSelect = {
  oauthKind: true,
  createdById: true,
  createdBy: { select: { name: true } },
} as const;

export interface PersonalToRow {
  oauthKind: string | null;
  createdById: string | null;
  createdBy: { name: string } | null;
}

/**
 * What a viewer may know of a connection used by something they can see (a colleague's destination
 * or source): null when the connection is visible to them, else only whose personal connection it
 * is. The name, region, workspace and token stay hidden, like everywhere else.
 */
export function personalToFor(arg: ViewerArg, credential: PersonalToRow): string | null {
  if (credential.oauthKind !== "personal") return null;
  const viewer = asViewer(arg);
  if (viewer.userId && credential.createdById === viewer.userId) return null;
  return credential.createdBy?.name ?? "a former member";
}
