import type { Db } from "@/lib/db/client";
import { parseInput } from "@/lib/errors";
import { createFlowSchema, emptyFlowDefinition } from "./schemas";
import { emptyFlowRows, summariseFlowRows } from "./flow-totals";
import type { FlowSummaryInput } from "./view-schemas";

/** A new, empty flow: sources are then added to it from the canvas's palette. */
export async function createFlow(db: Db, organisationId: string, input: unknown): Promise<FlowSummaryInput> {
  const { name } = parseInput(createFlowSchema, input);
  const flow = await db.flow.create({
    data: { organisationId, name, definition: emptyFlowDefinition() },
    select: { id: true, name: true, createdAt: true, updatedAt: true },
  });
  return { ...flow, ...summariseFlowRows(emptyFlowRows()) };
}
