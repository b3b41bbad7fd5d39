import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

// A throwaway HTTP server for the security tests: counts TCP connections (to prove a refused call
// never even connected) and requests. Listens on 127.0.0.1 (or ::1) with a random port.

export interface TinyServer {
  url: string;
  port: number;
  connections(): number;
  requests: { method: string; url: string }[];
  close(): Promise<void>;
}

export async function startTinyServer(
  handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end("{}"),
  host = "127.0.0.1",
): Promise<TinyServer> {
  const requests: TinyServer["requests"] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? "", url: req.url ?? "" });
    handler(req, res);
  });
  server.on("connection", (socket) => {
    connections++;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    connections: () => connections,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
