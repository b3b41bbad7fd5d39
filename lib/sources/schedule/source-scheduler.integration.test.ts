import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { closeQueues, queue } from "@/lib/queue/queues";
import { freshDatabase, freshRedisPrefix, redisUrl, type TestDatabase } from "@/test/fresh-database";
import { sourceRunJobId } from "../runs/source-run-job";
import { runSchedulerTick } from "./source-scheduler";

let t: TestDatabase;
let second: Db;
let orgId: string;
let credentialId: string;

beforeAll(async () => {
  t = await freshDatabase();
  // A second client with its own pool stands in for a second worker process.
  second = createDb(t.url, 5);
  Object.assign(process.env, { REDIS_URL: redisUrl(), FLOWGATE_REDIS_PREFIX: freshRedisPrefix() });
  orgId = (await t.db.organisation.create({ data: { name: "Acme" } })).id;
  credentialId = (
    await t.db.credential.create({
      data: {
        organisationId: orgId,
        name: "c",
        region: "sandbox",
        tokenCiphertext: "x",
        tokenKeyId: "k",
        tokenLast4: "",
      },
    })
  ).id;
});
afterAll(async () => {
  await closeQueues();
  await second.$disconnect();
  await t.drop();
});

async function createScheduled(name: string, nextRunAt: Date | null, scheduleMinutes = 5) {
  const source = await t.db.source.create({
    data: {
      organisationId: orgId,
      kind: "intercom",
      name,
      credentialId,
      config: { credentialId, operation: "list_contacts", perPage: 50, scheduleMinutes },
      scheduleMinutes,
      nextRunAt,
    },
  });
  await t.db.nexset.create({ data: { organisationId: orgId, sourceId: source.id, name } });
  return source.id;
}

describe("source scheduler", () => {
  it("starts each due source exactly once when two schedulers tick at the same moment", async () => {
    const now = new Date();
    const due = await Promise.all(
      Array.from({ length: 12 }, (_, i) => createScheduled(`due ${i}`, new Date(now.getTime() - 60_000 * (i + 1)))),
    );
    const never = await createScheduled("never ran", null);
    const later = await createScheduled("later", new Date(now.getTime() + 60_000));

    const [a, b] = await Promise.all([runSchedulerTick(t.db, log, now), runSchedulerTick(second, log, now)]);
    expect(a.requested + b.requested).toBe(13);
    expect(a.claimed + b.claimed).toBe(13);

    const runs = await t.db.sourceRun.findMany({ select: { id: true, sourceId: true, status: true } });
    expect(runs.map((r) => r.sourceId).sort()).toEqual([...due, never].sort());
    expect(runs.every((r) => r.status === "queued")).toBe(true);
    const jobs = await queue("sources").getJobs(["waiting", "delayed", "prioritized"]);
    expect(jobs.map((j) => j.id).sort()).toEqual(runs.map((r) => sourceRunJobId(r.id)).sort());
    expect(
      jobs.every(
        (j) =>
          Object.keys(j.data as object)
            .sort()
            .join() === "runId,sourceId",
      ),
    ).toBe(true);

    const advanced = await t.db.source.findMany({
      where: { id: { in: [...due, never] } },
      select: { nextRunAt: true },
    });
    expect(advanced.every((s) => s.nextRunAt!.getTime() === now.getTime() + 5 * 60_000)).toBe(true);
    expect(await t.db.source.findUniqueOrThrow({ where: { id: later } })).toMatchObject({
      nextRunAt: new Date(now.getTime() + 60_000),
    });

    // The same moment again: nothing is due any more.
    const [c, d] = await Promise.all([runSchedulerTick(t.db, log, now), runSchedulerTick(second, log, now)]);
    expect(c.claimed + d.claimed).toBe(0);
    expect(await t.db.sourceRun.count()).toBe(13);
  });

  it("skips a due source whose previous run is still going, and re-enqueues a queued run whose job was lost", async () => {
    const now = new Date(Date.now() + 10 * 60_000);
    const busy = await t.db.source.findFirstOrThrow({ where: { name: "due 0" }, select: { id: true } });
    const run = await t.db.sourceRun.findFirstOrThrow({ where: { sourceId: busy.id } });
    await queue("sources").remove(sourceRunJobId(run.id));
    expect(await queue("sources").getJob(sourceRunJobId(run.id))).toBeUndefined();

    const result = await runSchedulerTick(t.db, log, now);
    // Ten minutes on, all 14 are due again: the 13 with a queued run are busy, "later" gets its first run.
    expect(result).toMatchObject({ claimed: 14, busy: 13, requested: 1 });
    expect(result.reenqueued).toBeGreaterThanOrEqual(1);
    expect(await t.db.sourceRun.count({ where: { sourceId: busy.id } })).toBe(1);
    expect(await queue("sources").getJob(sourceRunJobId(run.id))).toBeDefined();
  });

  it("fails runs whose worker vanished long ago, so the source can run again", async () => {
    const source = await createScheduled("stuck", new Date(Date.now() + 3_600_000));
    const stuck = await t.db.sourceRun.create({
      data: { sourceId: source, status: "running", startedAt: new Date(Date.now() - 4 * 3_600_000) },
    });
    const result = await runSchedulerTick(t.db, log);
    expect(result.abandoned).toBeGreaterThanOrEqual(1);
    expect(await t.db.sourceRun.findUniqueOrThrow({ where: { id: stuck.id } })).toMatchObject({
      status: "failed",
      error: expect.stringMatching(/abandoned/),
    });
  });
});
