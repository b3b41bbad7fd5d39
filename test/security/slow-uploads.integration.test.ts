import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { publicApiRoutes } from "@/lib/api/openapi/registry";
import { APP_URL, fillPath } from "./support/route-table";
import { securityWorldForFile } from "./support/security-world";

// Issue 18 item 5: an upload arrives at the sender's pace. While its bytes trickle in it must hold
// no database transaction (the web process has few connections for everyone), and one
// organisation's uploads at once are bounded, so a handful of slow senders cannot starve others.

const world = securityWorldForFile(publicApiRoutes);
const uploadDir = mkdtempSync(path.join(tmpdir(), "flowgate-slow-uploads-"));
process.env.FLOWGATE_UPLOAD_DIR = uploadDir;
afterAll(() => {
  delete process.env.FLOWGATE_UPLOAD_DIR;
  rmSync(uploadDir, { recursive: true, force: true });
});
const uploadRoute = publicApiRoutes.find((s) => s.method === "POST" && s.path === "/api/v1/sources/upload")!;

/** A CSV that sends its header and 3,000 rows, then waits until `finish()` to send the rest. */
function trickledCsv() {
  let finish: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (finish = resolve));
  const encoder = new TextEncoder();
  const rows = (from: number, to: number) =>
    Array.from(
      { length: to - from },
      (_, i) => `${from + i},user${from + i}@example.com,"Pro, annual",2024-03-0${(i % 9) + 1}\n`,
    ).join("");
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(encoder.encode(`id,email,plan,signed_up\n${rows(1, 3_001)}`));
      await released;
      controller.enqueue(encoder.encode(rows(3_001, 3_101)));
      controller.close();
    },
  });
  return { stream, finish };
}

async function upload(apiKey: string, body: ReadableStream<Uint8Array>, name: string) {
  const url = new URL(`${APP_URL}${fillPath(uploadRoute.path, {})}`);
  url.searchParams.set("fileName", `${name}.csv`);
  const handler = world().handlerFor(uploadRoute);
  return handler(
    new Request(url, {
      method: "POST",
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "text/csv" },
      body,
      duplex: "half",
    } as RequestInit),
    { params: Promise.resolve({}) },
  );
}

async function openTransactions(): Promise<number> {
  const rows = await world().t.db.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM pg_stat_activity
    WHERE datname = current_database() AND state LIKE 'idle in transaction%'`;
  return Number(rows[0]?.n ?? 0);
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe("slow uploads", () => {
  it("hold no database transaction while their bytes arrive, and still keep all or nothing", async () => {
    const w = world();
    const slow = trickledCsv();
    const pending = upload(w.a.apiKey, slow.stream, "slow-signups");
    await settle();
    expect(await openTransactions()).toBe(0);
    expect(await w.t.db.source.count({ where: { name: "slow-signups.csv" } })).toBe(0);
    slow.finish();
    const response = await pending;
    expect(response.status, await response.clone().text()).toBe(201);
    expect(await response.json()).toMatchObject({ recordsAdded: 3_100 });
  });

  it("are bounded per organisation: past the bound a 429, while another organisation still uploads", async () => {
    const w = world();
    const senders = [trickledCsv(), trickledCsv()];
    const pending = senders.map((sender, i) => upload(w.a.apiKey, sender.stream, `held-${i}`));
    await settle();
    const third = trickledCsv();
    third.finish();
    const refused = await upload(w.a.apiKey, third.stream, "one-too-many");
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ error: { message: expect.stringMatching(/uploads/) } });

    const other = trickledCsv();
    other.finish();
    expect((await upload(w.b.apiKey, other.stream, "other-org")).status).toBe(201);
    for (const sender of senders) sender.finish();
    expect((await Promise.all(pending)).map((r) => r.status)).toEqual([201, 201]);
    // The slots were given back: the organisation uploads again.
    const again = trickledCsv();
    again.finish();
    expect((await upload(w.a.apiKey, again.stream, "again")).status).toBe(201);
  });

  it("leave no spooled file behind, whether the file is taken or refused", async () => {
    const w = world();
    const bad = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("id,email\n1,ann@example.com\n2,ben@example.com,EXTRA\n"));
        controller.close();
      },
    });
    const refused = await upload(w.a.apiKey, bad, "bad-row");
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { message: expect.stringMatching(/line 3/) } });
    expect(await w.t.db.source.count({ where: { name: "bad-row.csv" } })).toBe(0);
    expect(readdirSync(uploadDir)).toEqual([]);
  });
});
