import { bufferRequestBody } from "@/lib/api/buffer-request-body";
import { getAuth } from "@/lib/auth/auth";
import { AUTH_MAX_BODY_BYTES } from "@/lib/auth/schemas";

export const dynamic = "force-dynamic";

// better-auth's endpoints: sign-in, sign-out, get-session. Sign-up goes through /api/sign-up,
// which creates the organisation with its first user (better-auth's own sign-up is disabled).
export function GET(req: Request): Promise<Response> {
  return getAuth().handler(req);
}

// Public: the body is counted as it arrives and cut off at a small limit before better-auth reads it.
export async function POST(req: Request): Promise<Response> {
  const limited = await bufferRequestBody(req, AUTH_MAX_BODY_BYTES);
  return limited instanceof Response ? limited : getAuth().handler(limited);
}
