// `npm run bench -- sync`: "Create or update a contact" through the real worker against a sandbox
// answering at once, where half the records' contacts already exist (created beforehand straight
// through the sandbox's API). Prints records/s, calls per record (goal ≤ 2.05: a new contact costs
// one call, an existing one two, and a search is never made when the 409 names the id), and
// whether the sandbox ends with exactly one contact per record.
// Run: npx tsx bench/sync.ts   (BENCH_SYNC_RECORDS, default 10,000)
import { activateDestination } from "@/lib/delivery/destination-lifecycle";
import { closeQueues } from "@/lib/queue/queues";
import {
  type BenchStack,
  sandboxApp,
  sandboxAppId,
  sandboxContacts,
  seedCredential,
  seedDestination,
  seedNexset,
  startBenchStack,
  startSandboxProcess,
  startWorkerProcess,
  waitForDelivered,
} from "./delivery-support";

const RECORDS = Number(process.env.BENCH_SYNC_RECORDS ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_DELIVERY_CONCURRENCY ?? 16);
const UNLIMITED = 100_000_000;
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

const person = (i: number, tag: string) => ({
  external_id: `${tag}-${i}`,
  email: `p${i}-${tag}@example.com`,
  name: `P${i} new`,
});

/** Half the contacts exist before the run (every even record), with older values. */
async function createExisting(sandboxUrl: string, token: string, tag: string): Promise<void> {
  const indexes = Array.from({ length: Math.ceil(RECORDS / 2) }, (_, k) => k * 2);
  const headers = { Authorization: `Bearer ${token}`, "Content-Type": "application/json", Accept: "application/json" };
  for (let start = 0; start < indexes.length; start += 32) {
    await Promise.all(
      indexes.slice(start, start + 32).map(async (i) => {
        const body = JSON.stringify({ ...person(i, tag), name: `P${i} old` });
        const answer = await fetch(`${sandboxUrl}/contacts`, { method: "POST", headers, body });
        if (answer.status !== 200) throw new Error(`seeding contact ${i}: ${answer.status}`);
      }),
    );
  }
}

async function benchSync(stack: BenchStack): Promise<Record<string, number>> {
  console.log(`\nsync: ${RECORDS} records, create or update by external_id, half existing, sandbox answering at once`);
  const app = sandboxApp("sync", UNLIMITED);
  const sandbox = await startSandboxProcess([app]);
  try {
    const tag = "sync";
    await createExisting(sandbox.url, app.token, tag);
    const credentialId = await seedCredential(stack, app, UNLIMITED);
    const nexsetId = await seedNexset(stack, RECORDS, tag, person);
    const destinationId = await seedDestination(stack, nexsetId, credentialId, {
      endpointId: "sync.contacts.upsert",
      syncIdentifier: "external_id",
    });
    const worker = await startWorkerProcess(stack, sandbox.url, { FLOWGATE_DELIVERY_CONCURRENCY: String(CONCURRENCY) });
    let ms: number;
    try {
      await activateDestination(stack.db, stack.organisationId, destinationId);
      ms = await waitForDelivered(stack.db, [destinationId], RECORDS, 600_000);
    } finally {
      await worker.stop();
    }
    const steps = await stack.db.deliveryCall.groupBy({ by: ["syncStep"], where: { destinationId }, _count: true });
    const byStep = Object.fromEntries(steps.map((s) => [s.syncStep ?? "none", s._count]));
    const calls = steps.reduce((sum, s) => sum + s._count, 0);
    const contacts = await sandboxContacts(sandbox.url, await sandboxAppId(sandbox.url, "sync"));
    const figures = {
      sync_records_per_second: Math.round((RECORDS / ms) * 1000),
      sync_calls_per_record: round(calls / RECORDS, 3),
      sync_searches: byStep.search ?? 0,
      sync_creates: byStep.create ?? 0,
      sync_updates: byStep.update ?? 0,
      sync_contacts_after: contacts,
    };
    console.log(
      `   ${RECORDS} records in ${Math.round(ms)} ms: ${figures.sync_records_per_second} records/s; ` +
        `${calls} calls (${figures.sync_creates} create, ${figures.sync_updates} update, ${figures.sync_searches} search): ` +
        `${figures.sync_calls_per_record} calls per record (goal ≤ 2.05); ${contacts} contacts in the sandbox (expected ${RECORDS})`,
    );
    return figures;
  } finally {
    await sandbox.stop();
  }
}

async function main(): Promise<void> {
  const stack = await startBenchStack();
  let figures: Record<string, number>;
  try {
    figures = await benchSync(stack);
  } finally {
    await closeQueues();
    await stack.stop();
  }
  const goals = {
    calls_per_record_le_2_05: figures.sync_calls_per_record! <= 2.05,
    no_search_when_the_409_names_the_id: figures.sync_searches === 0,
    one_contact_per_record: figures.sync_contacts_after === RECORDS,
  };
  console.log(JSON.stringify({ ...figures, goals }));
}

await main();
