import { getAuth } from "@/lib/auth/auth";

export const dynamic = "force-dynamic";

// better-auth's endpoints: sign-in, sign-out, get-session. Sign-up goes through /api/sign-up,
// which creates the organisation with its first user (better-auth's own sign-up is disabled).
export function GET(req: Request): Promise<Response> {
  return getAuth().handler(req);
}

export function POST(req: Request): Promise<Response> {
  return getAuth().handler(req);
}
