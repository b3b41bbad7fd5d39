import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getSessionFromHeaders } from "@/lib/auth/session";

export default async function Home() {
  const session = await getSessionFromHeaders(await headers());
  redirect(session ? "/flows" : "/sign-in");
}
