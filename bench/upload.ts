// Uploads against the real web process (production build, started as `npm start` does):
// (a) a generated 1,000,000-row CSV through POST /api/v1/sources/upload, sampling the web process's
//     RSS; (b) ordinary API requests answered alone, then while ten organisations each trickle an upload.
// Prints figures; the last line is a JSON object. Run: npx tsx bench/upload.ts [rows]
import { createReadStream } from "node:fs";
import { rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import { SIGNUPS_CSV_HEADER, signupsCsvRow, writeSignupsCsv } from "./signups-csv";
import { signUpOrganisation, startBenchStack, treeRss } from "./web-stack";

const ROWS = Number(process.argv[2] ?? 1_000_000);
const SLOW_UPLOADS = 10;
const TRICKLE_BYTES = 4 * 1024;
const TRICKLE_EVERY_MS = 100;
const PROBE_SECONDS = 15;
const mb = (bytes: number) => Math.round(bytes / 1048576);

function upload(url: string, cookie: string, fileName: string, body: ReadableStream<Uint8Array>) {
  return fetch(`${url}/api/v1/sources/upload?fileName=${fileName}`, {
    method: "POST",
    headers: { cookie, origin: url, "content-type": "text/csv" },
    body,
    duplex: "half",
  } as RequestInit);
}

/** A CSV sent a few KB every 100 ms until `stop()`, then ended. */
function trickle() {
  let stopped = false;
  let row = 0;
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (stopped) return controller.close();
      let chunk = row === 0 ? SIGNUPS_CSV_HEADER : "";
      while (chunk.length < TRICKLE_BYTES) chunk += signupsCsvRow(++row);
      controller.enqueue(encoder.encode(chunk));
      await sleep(TRICKLE_EVERY_MS);
    },
  });
  return { body, stop: () => (stopped = true) };
}

/** Sequential GET /api/v1/sources for `seconds`: latency percentiles (ms) and failed answers. */
async function probe(url: string, cookie: string, seconds: number) {
  const latencies: number[] = [];
  let errors = 0;
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until) {
    const started = performance.now();
    const ok = await fetch(`${url}/api/v1/sources`, { headers: { cookie } })
      .then(async (response) => (await response.arrayBuffer(), response.status === 200))
      .catch(() => false);
    latencies.push(performance.now() - started);
    if (!ok) errors++;
  }
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!);
  return { requests: latencies.length, p50_ms: at(0.5), p99_ms: at(0.99), errors };
}

async function main(): Promise<void> {
  const file = path.join(tmpdir(), `flowgate-bench-upload-${process.pid}.csv`);
  await writeSignupsCsv(file, ROWS);
  const bytes = (await stat(file)).size;
  const bench = await startBenchStack();
  const { url } = bench.stack;
  try {
    const cookie = await signUpOrganisation(url, "uploader");
    const rssBefore = treeRss(bench.webPid);
    let peakRss = rssBefore;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, treeRss(bench.webPid))), 50);
    const started = performance.now();
    const body = Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
    const response = await upload(url, cookie, "signups.csv", body);
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const result = (await response.json()) as { recordsAdded?: number };
    if (response.status !== 201) throw new Error(`upload answered ${response.status}: ${JSON.stringify(result)}`);
    const rows = result.recordsAdded ?? 0;
    const big = {
      rows,
      file_mb: Math.round((bytes / 1048576) * 10) / 10,
      seconds: Math.round(seconds * 10) / 10,
      rows_per_second: Math.round(rows / seconds),
      web_rss_before_mb: mb(rssBefore),
      web_peak_rss_mb: mb(peakRss),
    };
    console.log(`uploaded ${rows} rows (${big.file_mb} MB) in ${big.seconds} s: ${big.rows_per_second} rows/s`);
    console.log(`web process RSS: ${big.web_rss_before_mb} MB before, peak ${big.web_peak_rss_mb} MB`);

    const prober = await signUpOrganisation(url, "reader");
    const alone = await probe(url, prober, PROBE_SECONDS);
    console.log(`GET /api/v1/sources alone: p50 ${alone.p50_ms} ms, p99 ${alone.p99_ms} ms, ${alone.errors} errors`);
    const senders = await Promise.all(
      Array.from({ length: SLOW_UPLOADS }, (_, i) => signUpOrganisation(url, `slow${i}`)),
    );
    const slow = senders.map((sender, i) => {
      const t = trickle();
      return { ...t, answer: upload(url, sender, `slow-${i}.csv`, t.body) };
    });
    await sleep(1000);
    const during = await probe(url, prober, PROBE_SECONDS);
    console.log(
      `… with ${SLOW_UPLOADS} slow uploads: p50 ${during.p50_ms} ms, p99 ${during.p99_ms} ms, ${during.errors} errors`,
    );
    for (const s of slow) s.stop();
    const statuses = await Promise.all(slow.map((s) => s.answer.then((r) => r.status).catch(() => 0)));
    const slowCompleted = statuses.filter((s) => s === 201).length;
    console.log(`slow uploads completed: ${slowCompleted}/${SLOW_UPLOADS} (statuses ${statuses.join(", ")})`);
    console.log(
      JSON.stringify({
        ...big,
        requests_alone: alone,
        requests_during_slow_uploads: during,
        slow_uploads_completed: slowCompleted,
      }),
    );
  } finally {
    await bench.close();
    await rm(file, { force: true });
  }
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
