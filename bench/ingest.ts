// File ingestion benchmark: a generated 1,000,000-row CSV (~100 MB) streamed from disk into a new
// file source in one transaction. Prints rows/s and peak RSS; the last line is a JSON object.
// Run: npx tsx bench/ingest.ts [rows]   (DATABASE_URL's server, else the embedded PostgreSQL)
import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { createDb } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrations";
import { ingestFile } from "@/lib/sources/file/ingest-file";
import { createDatabase, ensurePostgres } from "@/scripts/services/postgres";
import { writeSignupsCsv } from "./signups-csv";

const ROWS = Number(process.argv[2] ?? 1_000_000);

async function main(): Promise<void> {
  const postgres = await ensurePostgres();
  const name = `flowgate_bench_ingest_${randomBytes(4).toString("hex")}`;
  await createDatabase(postgres.serverUrl, name);
  const url = postgres.databaseUrl(name);
  await applyMigrations(url);
  const db = createDb(url, 4);
  const file = path.join(tmpdir(), `${name}.csv`);
  try {
    await writeSignupsCsv(file, ROWS);
    const bytes = (await stat(file)).size;
    const org = await db.organisation.create({ data: { name: "Bench" } });
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 25);
    const started = performance.now();
    let nextReport = 100_000;
    const result = await ingestFile({
      db,
      organisationId: org.id,
      fileName: "bench.csv",
      stream: createReadStream(file, { highWaterMark: 64 * 1024 }),
      onProgress: (read, rows) => {
        if (rows < nextReport) return;
        nextReport += 100_000;
        const mem = process.memoryUsage();
        const rss = Math.round(mem.rss / 1024 / 1024);
        console.log(
          `  ${rows} rows, ${Math.round(read / 1024 / 1024)} MB read, ${Math.round((performance.now() - started) / 100) / 10} s, RSS ${rss} MB (heap ${Math.round(mem.heapUsed / 1048576)}/${Math.round(mem.heapTotal / 1048576)} MB, external ${Math.round(mem.external / 1048576)} MB)`,
        );
      },
    });
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const count = await db.nexsetRecord.count({ where: { nexsetId: result.nexsetId } });
    const figures = {
      rows: result.recordsAdded,
      rows_in_database: count,
      file_mb: Math.round((bytes / 1024 / 1024) * 10) / 10,
      seconds: Math.round(seconds * 10) / 10,
      rows_per_second: Math.round(result.recordsAdded / seconds),
      mb_per_second: Math.round((bytes / 1024 / 1024 / seconds) * 10) / 10,
      peak_rss_mb: Math.round(peakRss / 1024 / 1024),
      rss_before_mb: Math.round(rssBefore / 1024 / 1024),
    };
    console.log(`ingested ${figures.rows} rows (${figures.file_mb} MB CSV) in ${figures.seconds} s`);
    console.log(
      `${figures.rows_per_second} rows/s, ${figures.mb_per_second} MB/s, peak RSS ${figures.peak_rss_mb} MB (${figures.rss_before_mb} MB before)`,
    );
    console.log(JSON.stringify(figures));
  } finally {
    await rm(file, { force: true });
    await db.$disconnect();
    const admin = new pg.Client({ connectionString: postgres.serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
    await admin.end();
    await postgres.stop();
  }
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
