import type { Db } from "@/lib/db/client";
import { isInt8Id } from "@/lib/api/int8-id";
import { notFound } from "@/lib/errors";
import type { DeliveryCallView } from "./activity-log";

// One call in full for the debug view (Tray-style input and output): the request as it was sent,
// with the token already masked when it was recorded, and Intercom's whole answer.

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
  organisationId: string,
  destinationId: string,
  callId: string,
): Promise<DeliveryCallDetail> {
  if (!isInt8Id(callId)) throw notFound("Call");
  const row = await db.deliveryCall.findFirst({ where: { id: BigInt(callId), organisationId, destinationId } });
  if (!row) throw notFound("Call");
  const {
    id,
    organisationId: _organisationId,
    destinationId: _destinationId,
    requestHeaders,
    responseHeaders,
    ...rest
  } = row;
  return {
    id: String(id),
    ...rest,
    requestHeaders: toHeaderMap(requestHeaders),
    responseHeaders: responseHeaders === null ? null : toHeaderMap(responseHeaders),
  };
}
