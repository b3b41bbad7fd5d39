import type { Db } from "@/lib/db/client";
import { parseInput } from "@/lib/errors";
import { createSourceInTx, type CreatedSource } from "../create-source";
import { createFileSourceSchema } from "../schemas";

/** An empty file source and its Nexset; files are then uploaded to it with ingestFile. */
export function createFileSource(db: Db, organisationId: string, input: unknown): Promise<CreatedSource> {
  const { name, flowId } = parseInput(createFileSourceSchema, input);
  return db.$transaction((tx) => createSourceInTx(tx, { organisationId, kind: "file", name, flowId }));
}
