import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

// A throwaway HTTP server on 127.0.0.1:<random port> for client and operation tests.

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export interface LocalServer {
  url: string;
  requests: ReceivedRequest[];
  /** TCP connections opened so far (keep-alive reuse shows as fewer connections than requests). */
  connections: () => number;
  close: () => Promise<void>;
}

export type Handler = (req: ReceivedRequest, res: ServerResponse, socket: Socket) => unknown;

export async function startLocalServer(handler: Handler): Promise<LocalServer> {
  const requests: ReceivedRequest[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const received = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(received);
      Promise.resolve(handler(received, res, req.socket)).catch((error: unknown) => {
        res.statusCode = 599;
        res.end(String(error));
      });
    });
  });
  server.on("connection", (socket) => {
    connections++;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  // The outbound guard refuses loopback unless the origin is the sandbox or operator-listed.
  allowOutboundOrigin(url);
  return {
    url,
    requests,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function allowOutboundOrigin(origin: string): void {
  const listed = process.env.FLOWGATE_OUTBOUND_ALLOW_ORIGINS;
  process.env.FLOWGATE_OUTBOUND_ALLOW_ORIGINS = listed ? `${listed},${origin}` : origin;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function errorList(code: string, message: string): unknown {
  return { type: "error.list", request_id: "2859da57-c83f-405c-8166-240a312442a3", errors: [{ code, message }] };
}
