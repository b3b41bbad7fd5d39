import type { ServerResponse } from "node:http";

export type HeaderMap = Record<string, string | number>;

export function writeJson(res: ServerResponse, status: number, body: unknown, headers: HeaderMap = {}): void {
  const payload = body === undefined ? "" : JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    ...(payload ? { "Content-Type": "application/json; charset=utf-8" } : {}),
    "Content-Length": Buffer.byteLength(payload),
  });
  res.end(payload);
}

export function writeBytes(
  res: ServerResponse,
  status: number,
  data: Buffer,
  contentType: string,
  headers: HeaderMap = {},
): void {
  res.writeHead(status, { ...headers, "Content-Type": contentType, "Content-Length": data.length });
  res.end(data);
}
