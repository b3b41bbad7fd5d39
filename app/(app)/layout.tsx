import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/layout/app-header";
import { describeCaller } from "@/lib/api/routes/me";
import { getSessionFromHeaders } from "@/lib/auth/session";

// Every page in (app) needs a session. proxy.ts redirects cookie-less visitors early; this is the
// authoritative check (a cookie can be expired or forged).
export default async function AppLayout({ children }: { children: ReactNode }) {
  const session = await getSessionFromHeaders(await headers());
  if (!session) redirect("/sign-in");
  const caller = await describeCaller({
    organisationId: session.user.organisationId,
    userId: session.user.id,
    sessionId: session.session.id,
    via: "session",
  });
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <AppHeader
        organisationName={caller.organisation.name}
        userName={session.user.name}
        userEmail={session.user.email}
      />
      <main id="main" className="app-main">
        {children}
      </main>
    </>
  );
}
