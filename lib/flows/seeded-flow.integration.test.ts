import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { setupDeliveryFixture, type DeliveryFixture } from "@/test/delivery/delivery-fixture";
import { getFlowGraph } from "./get-flow-graph";
import { flowDefinitionSchema } from "./schemas";

// The seed keeps its demo secrets in the data directory, which is fixed when scripts/services is
// first imported: point it at a private one before any import runs.
const dataDir = vi.hoisted(() => {
  const fs = process.getBuiltinModule("node:fs");
  const os = process.getBuiltinModule("node:os");
  const dir = fs.mkdtempSync(`${os.tmpdir()}/flowgate-seed-`);
  process.env.FLOWGATE_DATA_DIR = dir;
  return dir;
});

let f: DeliveryFixture;

beforeAll(async () => {
  f = await setupDeliveryFixture();
  const { localSecret } = await import("@/scripts/services/local-secrets");
  f.sandbox.createApp({ name: "Demo workspace", token: localSecret("sandbox-demo-token").value });
});
afterAll(async () => {
  await f.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe("the demo seed's flow", () => {
  it("is saved with a valid version 1 definition that places its source and Nexset side by side", async () => {
    const { seedDemo } = await import("@/scripts/seed/seed-demo");
    expect((await seedDemo()).created).toBe(true);
    expect(existsSync(`${dataDir}/demo-password`)).toBe(true);
    const flow = await f.db.flow.findFirstOrThrow({ where: { name: "Demo: contacts to Intercom" } });
    const definition = flowDefinitionSchema.parse(flow.definition);
    expect(definition.nodes.map((n) => n.kind).sort()).toEqual(["nexset", "nexset", "source", "source"]);

    const graph = await getFlowGraph(f.db, flow.organisationId, flow.id);
    expect(graph.nodes.map((n) => [n.id, n.position])).toEqual(definition.nodes.map((n) => [n.id, n.position]));
    expect(graph.edges).toHaveLength(2);
    const nexsets = graph.nodes.filter((node) => node.data.kind === "nexset").map((node) => node.data);
    expect(nexsets).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ recordCount: 40 }),
        expect.objectContaining({ name: "CRM export (flat)", recordCount: 12 }),
      ]),
    );
    expect(graph.flow).toMatchObject({ status: "idle", totals: { sources: 2, destinations: 0 } });
  });
});
