import { getAuth } from "./auth";

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  organisationId: string;
  role: string;
}

export interface AuthSession {
  user: SessionUser;
  session: { id: string; userId: string; expiresAt: Date };
}

/** The signed-in user behind the request's session cookie, or null. */
export async function getSessionFromHeaders(headers: Headers): Promise<AuthSession | null> {
  const result = await getAuth().api.getSession({ headers });
  if (!result) return null;
  const { user, session } = result;
  return {
    user: {
      id: user.id,
      name: user.name,
      email: user.email,
      organisationId: user.organisationId,
      role: user.role ?? "member",
    },
    session: { id: session.id, userId: session.userId, expiresAt: session.expiresAt },
  };
}
