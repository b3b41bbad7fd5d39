import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { loadInProgress, type JsonRecord } from "./append-records";
import { mergeSchema, nexsetSchemaSchema, type NexsetSchema } from "./infer-schema";

type Tx = Prisma.TransactionClient;

// An upload loads in short transactions (one per batch) yet stays all-or-nothing: its records take
// seqs above the Nexset's recordCount, and every reader stops at recordCount (view pages, samples,
// delivery claims, counts). One short final transaction raises recordCount; a failure deletes them.

/** A load whose heartbeat is older than this was abandoned (its process died); a batch is far shorter. */
export const LOAD_STALE_MS = 10 * 60_000;
/** Records deleted per transaction when a failed or abandoned load is cleaned up. */
const DISCARD_CHUNK = 20_000;
/** The heartbeat a load gets when it is being discarded: stale, so its writer stops at its next batch. */
const DISCARDED = new Date(0);

export interface StagedLoad {
  id: string;
  nexsetId: string;
  baseSeq: number;
  /** Records loaded so far, and the schema they make together with the Nexset's. */
  loaded: number;
  schema: NexsetSchema;
}

/** Opens a load into the Nexset (short transaction). Another append or load into it meanwhile is refused. */
export function beginLoad(db: Db, nexsetId: string): Promise<StagedLoad> {
  return db.$transaction((tx) => beginLoadInTx(tx, nexsetId, false));
}

/** beginLoad in the caller's transaction; `createdSource`: that transaction created the Nexset's source. */
export async function beginLoadInTx(tx: Tx, nexsetId: string, createdSource: boolean): Promise<StagedLoad> {
  const rows = await tx.$queryRaw<{ recordCount: number; schema: unknown; loading: boolean }[]>`
      SELECT n."recordCount", n."schema", EXISTS (SELECT 1 FROM "NexsetLoad" l WHERE l."nexsetId" = n."id") AS loading
      FROM "Nexset" n WHERE n."id" = ${nexsetId} FOR UPDATE OF n`;
  const nexset = rows[0];
  if (!nexset) throw new Error(`Nexset ${nexsetId} does not exist`);
  if (nexset.loading) throw loadInProgress();
  const load = await tx.nexsetLoad.create({
    data: { nexsetId, baseSeq: nexset.recordCount, createdSource },
    select: { id: true },
  });
  const schema = nexsetSchemaSchema.parse(nexset.schema);
  return { id: load.id, nexsetId, baseSeq: nexset.recordCount, loaded: 0, schema };
}

/** Keeps the load alive; fails when it was abandoned and is being discarded, so nothing more is written. */
async function touchLoad(tx: Tx, load: StagedLoad): Promise<void> {
  const stale = new Date(Date.now() - LOAD_STALE_MS);
  const touched = await tx.nexsetLoad.updateMany({
    where: { id: load.id, heartbeatAt: { gt: stale } },
    data: { heartbeatAt: new Date() },
  });
  if (touched.count !== 1) throw new Error("The upload was abandoned while loading; nothing of it was kept");
}

/** Writes one batch of the load's (still invisible) records in a transaction of its own. */
export async function loadBatch(db: Db, load: StagedLoad, records: readonly JsonRecord[]): Promise<void> {
  const start = load.baseSeq + load.loaded;
  await db.$transaction(async (tx) => {
    await touchLoad(tx, load);
    await tx.$executeRaw`
      INSERT INTO "NexsetRecord" ("nexsetId", "seq", "data")
      SELECT ${load.nexsetId}, ${start}::int + t.ord::int, t.elem
      FROM jsonb_array_elements(${JSON.stringify(records)}::jsonb) WITH ORDINALITY AS t(elem, ord)`;
  });
  load.schema = mergeSchema(load.schema, load.loaded, records);
  load.loaded += records.length;
}

/**
 * Makes the load's records visible in one short transaction: recordCount and schema move, the load
 * row goes. `finish` runs in the same transaction (e.g. the source run that reports the upload).
 */
export async function publishLoad<T>(db: Db, load: StagedLoad, finish: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    await touchLoad(tx, load);
    const moved = await tx.nexset.updateMany({
      where: { id: load.nexsetId, recordCount: load.baseSeq },
      data: { recordCount: load.baseSeq + load.loaded, schema: load.schema as unknown as Prisma.InputJsonValue },
    });
    if (moved.count !== 1) throw new Error(`Nexset ${load.nexsetId} changed while an upload was loading into it`);
    await tx.nexsetLoad.delete({ where: { id: load.id } });
    return finish(tx);
  });
}

/**
 * Deletes what a failed or abandoned load wrote, a chunk per transaction, then the load itself (and
 * the source it created). Safe to run twice at once: every step is a delete.
 */
export async function discardLoad(db: Db, loadId: string): Promise<void> {
  const load = await db.nexsetLoad.findUnique({
    where: { id: loadId },
    select: { nexsetId: true, baseSeq: true, createdSource: true, nexset: { select: { sourceId: true } } },
  });
  if (!load) return;
  await db.nexsetLoad.updateMany({ where: { id: loadId }, data: { heartbeatAt: DISCARDED } });
  for (;;) {
    const deleted = await db.$executeRaw`
      DELETE FROM "NexsetRecord" WHERE "id" IN (
        SELECT "id" FROM "NexsetRecord" WHERE "nexsetId" = ${load.nexsetId} AND "seq" > ${load.baseSeq}
        LIMIT ${DISCARD_CHUNK})`;
    if (deleted < DISCARD_CHUNK) break;
  }
  if (load.createdSource) await db.source.deleteMany({ where: { id: load.nexset.sourceId } });
  else await db.nexsetLoad.deleteMany({ where: { id: loadId } });
}

/** Cleans up loads whose process stopped (a crash of the web process mid-upload). Returns how many. */
export async function reconcileAbandonedLoads(db: Db, staleMs = LOAD_STALE_MS): Promise<number> {
  const abandoned = await db.nexsetLoad.findMany({
    where: { heartbeatAt: { lt: new Date(Date.now() - staleMs) } },
    select: { id: true },
  });
  for (const load of abandoned) await discardLoad(db, load.id);
  return abandoned.length;
}
