import type { Db } from "@/lib/db/client";
import { isInt8Id } from "@/lib/api/int8-id";
import { asViewer, personalToFor, personalToSelect, type ViewerArg } from "@/lib/credentials/visibility";
import { notFound } from "@/lib/errors";
import type { DeliveryCallView } from "./activity-log";
import { headersForReader } from "./viewer-call-headers";

// One call in full for the debug view (Tray-style input and output): the request as it was sent,
// with the token already masked when it was recorded (its last four only for a reader who may see
// the connection), and Intercom's whole answer.

export interface DeliveryCallDetail extends Omit<DeliveryCallView, "requestHeaders" | "responseHeaders"> {
  requestHeaders: Record<string, string>;
  responseHeaders: Record<string, string> | null;
}

/** Headers are stored as a JSON object of strings; anything else (an older row) shows as text. */
function toHeaderMap(value: unknown): Record<string, string> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value).map(([name, v]) => [name, typeof v === "string" ? v : JSON.stringify(v)]),
  );
}

/** The call, or 404 when it is not this organisation's destination's call. */
export async function getDeliveryCall(
  db: Db,
  viewer: ViewerArg,
  destinationId: string,
  callId: string,
): Promise<DeliveryCallDetail> {
  const { organisationId } = asViewer(viewer);
  if (!isInt8Id(callId)) throw notFound("Call");
  const row = await db.deliveryCall.findFirst({
    where: { id: BigInt(callId), organisationId, destinationId },
    include: { destination: { select: { credential: { select: { tokenLast4: true, ...personalToSelect } } } } },
  });
  if (!row) throw notFound("Call");
  const credential = row.destination.credential;
  const visibleTail = personalToFor(viewer, credential) === null ? credential.tokenLast4 : null;
  const {
    id,
    organisationId: _organisationId,
    destinationId: _destinationId,
    destination: _destination,
    requestHeaders,
    responseHeaders,
    ...rest
  } = row;
  return {
    id: String(id),
    ...rest,
    requestHeaders: headersForReader(toHeaderMap(requestHeaders), visibleTail),
    responseHeaders: responseHeaders === null ? null : toHeaderMap(responseHeaders),
  };
}
