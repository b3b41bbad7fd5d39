import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

// A web process for tests that need two of them (limits shared through Redis): serves the real
// sign-in and sign-up route handlers over HTTP, the way Next hands them a Request. Prints
// "web process listening <port>" when ready.

type Handler = (req: Request) => Promise<Response>;

const routes: [prefix: string, load: () => Promise<Handler>][] = [
  ["/api/auth/", async () => (await import("@/app/api/auth/[...all]/route")).POST],
  ["/api/sign-up", async () => (await import("@/app/api/sign-up/route")).POST as Handler],
];

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? "/", process.env.FLOWGATE_URL);
  const route = routes.find(([prefix]) => url.pathname.startsWith(prefix));
  if (!route || req.method !== "POST") return res.writeHead(404).end();
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
  const response = await (await route[1]())(new Request(url, { method: "POST", headers, body: Buffer.concat(parts) }));
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
});

server.listen(0, "127.0.0.1", () => {
  console.log(`web process listening ${(server.address() as AddressInfo).port}`);
});
