import { isDomainError } from "@/lib/errors";
import { errorResponse } from "./json";
import { declaredLengthExceeds, readLimitedBody, bodyTooLarge } from "./read-limited-body";

/**
 * For handlers we do not own (better-auth): reads the body up to `maxBytes` as it arrives and hands
 * on a copy of the request holding it, or answers 413 without reading further.
 */
export async function bufferRequestBody(req: Request, maxBytes: number): Promise<Request | Response> {
  if (req.body === null) return req;
  try {
    if (declaredLengthExceeds(req.headers, maxBytes)) throw bodyTooLarge(maxBytes);
    const body = await readLimitedBody(req.body, maxBytes);
    return new Request(req, { body, duplex: "half" } as RequestInit);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return errorResponse(error.status, { code: error.code, message: error.message });
  }
}
