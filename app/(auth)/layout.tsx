import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { getSessionFromHeaders } from "@/lib/auth/session";

// Signed-in people have nothing to do on sign-in/sign-up. This is the real session check (the
// proxy only looks for a cookie), so an expired cookie cannot cause a redirect loop.
export default async function AuthLayout({ children }: { children: ReactNode }) {
  if (await getSessionFromHeaders(await headers())) redirect("/flows");
  return <main className="auth-shell">{children}</main>;
}
