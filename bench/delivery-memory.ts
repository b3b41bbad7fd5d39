// The delivery benchmark's memory phase (bench/delivery.ts): a 1,000,000-record Nexset delivered in
// Preview bulk calls of 100 → the worker's peak RSS (goal ≤ 300 MB).
import { activateDestination } from "@/lib/delivery/destination-lifecycle";
import {
  type BenchStack,
  CONCURRENCY,
  sandboxApp,
  sandboxAppId,
  sandboxContacts,
  seedCredential,
  seedDestination,
  seedNexset,
  startSandboxProcess,
  startWorkerProcess,
  UNLIMITED,
  waitForDelivered,
} from "./delivery-support";

const MEMORY_RECORDS = Number(process.env.BENCH_MEMORY_RECORDS ?? 1_000_000);

export async function benchMemory(stack: BenchStack): Promise<Record<string, number>> {
  console.log(`\n3. memory: ${MEMORY_RECORDS} records in Preview bulk calls of 100 (POST /contacts/bulk)`);
  const app = sandboxApp("memory", UNLIMITED);
  const sandbox = await startSandboxProcess([app], { SANDBOX_BULK_JOB_DURATION_MS: "0" });
  try {
    const credentialId = await seedCredential(stack, app, UNLIMITED);
    const seeded = performance.now();
    const nexsetId = await seedNexset(stack, MEMORY_RECORDS, "memory");
    console.log(`   seeded the Nexset in ${Math.round((performance.now() - seeded) / 1000)} s`);
    const destinationId = await seedDestination(stack, nexsetId, credentialId, {
      urlTemplate: "/contacts/bulk",
      intercomVersion: "Preview",
      batching: { enabled: true, size: 100, algorithm: "json_object_property", propertyName: "contacts" },
    });
    // The worker's heap cap is workers/node-flags.ts's default; FLOWGATE_WORKER_HEAP_MB=0 shows V8 uncapped.
    const worker = await startWorkerProcess(stack, sandbox.url, {
      FLOWGATE_DELIVERY_CONCURRENCY: String(CONCURRENCY),
      FLOWGATE_DELIVERY_BULK_POLL_MS: "25",
    });
    try {
      const startRss = worker.peakRssMb();
      await activateDestination(stack.db, stack.organisationId, destinationId);
      let lastReport = 0;
      const ms = await waitForDelivered(stack.db, [destinationId], MEMORY_RECORDS, 3_600_000, (done) => {
        if (done - lastReport < 100_000) return;
        lastReport = done;
        console.log(`   ${done} delivered, worker peak RSS ${worker.peakRssMb()} MB`);
      });
      const peak = worker.peakRssMb();
      const rate = MEMORY_RECORDS / (ms / 1000);
      const contacts = await sandboxContacts(sandbox.url, await sandboxAppId(sandbox.url, "memory"));
      if (contacts !== MEMORY_RECORDS)
        throw new Error(`the sandbox holds ${contacts} contacts, expected ${MEMORY_RECORDS}`);
      console.log(
        `   ${Math.round(ms / 1000)} s, ${Math.round(rate)} records/s; worker peak RSS ${peak} MB (at start ${startRss} MB; goal ≤ 300 MB)`,
      );
      return { worker_peak_rss_mb: peak, records_per_s: Math.round(rate), seconds: Math.round(ms / 1000) };
    } finally {
      await worker.stop();
    }
  } finally {
    await sandbox.stop();
  }
}
