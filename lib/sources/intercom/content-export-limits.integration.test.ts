import { randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { closeIntercomDispatcher } from "@/lib/connectors/intercom/http-agent";
import { generateKeySpec, resetKeyringCache } from "@/lib/crypto/keyring";
import { sealCredentialToken } from "@/lib/credentials/seal-token";
import { closeQueues } from "@/lib/queue/queues";
import { createIntercomSource } from "@/lib/sources/intercom/create-intercom-source";
import { performSourceRun } from "@/lib/sources/runs/perform-source-run";
import { requestSourceRun } from "@/lib/sources/runs/request-source-run";
import { startTinyServer, type TinyServer } from "@/test/security/support/tiny-server";
import { freshDatabase, freshRedisPrefix, redisUrl, type TestDatabase } from "@/test/fresh-database";

// Issue 18 item 4: a content export's download is streamed to a file with a limit on its size as
// downloaded and once decompressed; a gzip bomb and a download cut short are clear run errors
// and add nothing. Intercom's side is played by a small server answering the export's three calls
// (the sandbox makes honest exports only).

const HEADER = "user_id,user_email,content_title,message_sent_at\n";
const row = (i: number) => `u${i},user${i}@example.com,Welcome,2024-05-0${(i % 9) + 1} 10:00:00 UTC\n`;
let download: (res: ServerResponse) => void = (res) => res.end();
let t: TestDatabase;
let intercom: TinyServer;
let orgId: string;
let credentialId: string;
const saved = { ...process.env };

beforeAll(async () => {
  t = await freshDatabase();
  intercom = await startTinyServer((req, res) => {
    if (req.method === "POST" && req.url === "/export/content/data")
      return void res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ job_identifier: "job1", status: "completed" }));
    if (req.url === "/download/content/data/job1") return download(res);
    res.writeHead(404).end("{}");
  });
  Object.assign(process.env, {
    DATABASE_URL: t.url,
    REDIS_URL: redisUrl(),
    FLOWGATE_REDIS_PREFIX: freshRedisPrefix(),
    FLOWGATE_ENCRYPTION_KEYS: generateKeySpec(),
    INTERCOM_SANDBOX_URL: intercom.url,
  });
  resetKeyringCache();
  orgId = (await t.db.organisation.create({ data: { name: "Exports Co" } })).id;
  credentialId = (
    await t.db.credential.create({
      data: {
        ...sealCredentialToken(orgId, `tok_${randomBytes(8).toString("hex")}`),
        organisationId: orgId,
        name: "Workspace",
        region: "sandbox",
      },
    })
  ).id;
});
afterEach(() => {
  delete process.env.FLOWGATE_EXPORT_MAX_CSV_BYTES;
  delete process.env.FLOWGATE_EXPORT_MAX_DOWNLOAD_BYTES;
});
afterAll(async () => {
  await closeQueues();
  await closeIntercomDispatcher();
  await intercom.close();
  await t.drop();
  process.env = saved;
  resetKeyringCache();
});

async function runExport(name: string) {
  const { sourceId, nexsetId } = await createIntercomSource(t.db, orgId, {
    name,
    credentialId,
    operation: "content_export",
  });
  const { runId } = await requestSourceRun(t.db, orgId, sourceId);
  const result = await performSourceRun(t.db, runId);
  return { result, records: await t.db.nexsetRecord.count({ where: { nexsetId } }) };
}

describe("content export downloads", () => {
  it("refuses a gzip bomb with a clear run error once the CSV passes its decompressed limit, keeping nothing", async () => {
    process.env.FLOWGATE_EXPORT_MAX_CSV_BYTES = String(4 * 1024 * 1024);
    const csv =
      HEADER +
      Array.from({ length: 20_000 }, (_, i) => row(i % 50))
        .join("")
        .repeat(10);
    const bomb = gzipSync(csv, { level: 9 });
    expect(bomb.length).toBeLessThan(csv.length / 100);
    download = (res) =>
      res.writeHead(200, { "content-type": "application/gzip", "content-length": bomb.length }).end(bomb);
    const { result, records } = await runExport("Bomb");
    expect(result).toEqual({
      status: "failed",
      error: "Intercom content export job1: the file is larger than 4 MB once decompressed; nothing was kept",
    });
    expect(records).toBe(0);
  });

  it("refuses a download over its own limit as it arrives", async () => {
    process.env.FLOWGATE_EXPORT_MAX_DOWNLOAD_BYTES = String(1024 * 1024);
    const noise = gzipSync(randomBytes(3 * 1024 * 1024), { level: 0 });
    download = (res) => res.writeHead(200, { "content-type": "application/gzip" }).end(noise);
    const { result, records } = await runExport("Too large");
    expect(result).toMatchObject({ status: "failed" });
    expect((result as { error: string }).error).toMatch(
      /^Intercom content export job1 is larger than the 1 MB a download may be \(FLOWGATE_EXPORT_MAX_DOWNLOAD_BYTES\); nothing was kept$/,
    );
    expect(records).toBe(0);
  });

  it("notices a download cut short, tries again, and fails clearly if it keeps being cut", async () => {
    const whole = gzipSync(HEADER + row(1) + row(2));
    let served = 0;
    download = (res) => {
      served++;
      res.writeHead(200, { "content-type": "application/gzip", "content-length": whole.length });
      res.write(whole.subarray(0, 10));
      setTimeout(() => res.socket?.destroy(), 20);
    };
    const cut = await runExport("Cut short");
    expect(cut.result).toMatchObject({ status: "failed" });
    expect((cut.result as { error: string }).error).toMatch(
      /^The download of Intercom content export job1 failed or ended early 3 times \(.+\); nothing was kept$/,
    );
    expect(served).toBe(3);
    expect(cut.records).toBe(0);

    // Cut once, whole the second time: the run succeeds with every record.
    served = 0;
    download = (res) => {
      served++;
      if (served > 1) return void res.writeHead(200, { "content-length": whole.length }).end(whole);
      res.writeHead(200, { "content-length": whole.length }).write(whole.subarray(0, 10));
      setTimeout(() => res.socket?.destroy(), 20);
    };
    const healed = await runExport("Cut once");
    expect(healed.result).toEqual({ status: "succeeded", recordsAdded: 2 });
    expect(healed.records).toBe(2);
  });
});
