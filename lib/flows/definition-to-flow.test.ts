import { describe, expect, it } from "vitest";
import { COLUMN_WIDTH, definitionToFlow, flowToDefinition, ROW_HEIGHT } from "./definition-to-flow";
import { emptyFlowDefinition, flowDefinitionSchema, type FlowDefinition } from "./schemas";
import { chainRows, destinationRow, nexsetRow, sourceRow } from "./testing/flow-rows";

const at = (nodes: { id: string; position: { x: number; y: number } }[], id: string) =>
  nodes.find((n) => n.id === id)?.position;

describe("definitionToFlow", () => {
  it("chains source → Nexset → destination → response source → Nexset → destination, with derived edges", () => {
    const { nodes, edges } = definitionToFlow(chainRows(), emptyFlowDefinition());
    expect(nodes.map((n) => n.id)).toEqual([
      "source:s1",
      "nexset:n1",
      "destination:d1",
      "response_source:r1",
      "nexset:n2",
      "destination:d2",
    ]);
    expect(nodes.map((n) => n.type)).toEqual([
      "source",
      "nexset",
      "destination",
      "response_source",
      "nexset",
      "destination",
    ]);
    expect(edges.map((e) => [e.source, e.target])).toEqual([
      ["source:s1", "nexset:n1"],
      ["response_source:r1", "nexset:n2"],
      ["nexset:n1", "destination:d1"],
      ["nexset:n2", "destination:d2"],
      ["destination:d1", "response_source:r1"],
    ]);
    expect(new Set(edges.map((e) => e.id)).size).toBe(edges.length);
    // Each step of the chain is one column further right, on the same row.
    expect(nodes.map((n) => n.position)).toEqual(
      [0, 1, 2, 3, 4, 5].map((depth) => ({ x: depth * COLUMN_WIDTH, y: 0 })),
    );
    expect(nodes.find((n) => n.id === "destination:d1")?.data).toMatchObject({ kind: "destination", method: "GET" });
  });

  it("stacks siblings: two destinations on one Nexset, and a second source below the first tree", () => {
    const rows = chainRows();
    rows.destinations.splice(1, 0, destinationRow("d3", "n1"));
    rows.sources.push(sourceRow("s2", "n3"));
    rows.nexsets.push(nexsetRow("n3", "s2"));
    const { nodes } = definitionToFlow(rows, emptyFlowDefinition());
    expect(at(nodes, "destination:d1")).toEqual({ x: 2 * COLUMN_WIDTH, y: 0 });
    expect(at(nodes, "destination:d3")).toEqual({ x: 2 * COLUMN_WIDTH, y: ROW_HEIGHT });
    expect(at(nodes, "source:s2")).toEqual({ x: 0, y: 2 * ROW_HEIGHT });
    expect(at(nodes, "nexset:n3")).toEqual({ x: COLUMN_WIDTH, y: 2 * ROW_HEIGHT });
  });

  it("uses saved positions, places new nodes relative to their moved parent, and ignores entries for rows that are gone", () => {
    const definition: FlowDefinition = {
      version: 1,
      nodes: [
        { id: "source:s1", kind: "source", refId: "s1", position: { x: 10, y: 20 } },
        { id: "nexset:n1", kind: "nexset", refId: "n1", position: { x: 500, y: 600 } },
        { id: "destination:gone", kind: "destination", refId: "gone", position: { x: 1, y: 1 } },
      ],
    };
    const { nodes } = definitionToFlow(chainRows(), definition);
    expect(at(nodes, "source:s1")).toEqual({ x: 10, y: 20 });
    expect(at(nodes, "nexset:n1")).toEqual({ x: 500, y: 600 });
    expect(at(nodes, "destination:d1")).toEqual({ x: 500 + COLUMN_WIDTH, y: 600 });
    expect(at(nodes, "response_source:r1")).toEqual({ x: 500 + 2 * COLUMN_WIDTH, y: 600 });
    expect(nodes.some((n) => n.id === "destination:gone")).toBe(false);
  });

  it("keeps orphans visible in their kind's column (a destination whose Nexset is not in this flow)", () => {
    const { nodes, edges } = definitionToFlow(
      { sources: [], nexsets: [], destinations: [destinationRow("d9", "elsewhere")] },
      emptyFlowDefinition(),
    );
    expect(nodes).toEqual([expect.objectContaining({ id: "destination:d9", position: { x: 2 * COLUMN_WIDTH, y: 0 } })]);
    expect(edges).toEqual([]);
  });

  it("round-trips: the definition made from the derived nodes reproduces the same positions and is valid", () => {
    const first = definitionToFlow(chainRows(), emptyFlowDefinition());
    const moved = first.nodes.map((n) => (n.id === "nexset:n2" ? { ...n, position: { x: 1234.6, y: -50.2 } } : n));
    const definition = flowToDefinition(moved);
    expect(flowDefinitionSchema.safeParse(definition).success).toBe(true);
    expect(definition.nodes.find((n) => n.id === "nexset:n2")?.position).toEqual({ x: 1235, y: -50 });
    const second = definitionToFlow(chainRows(), definition);
    expect(at(second.nodes, "nexset:n2")).toEqual({ x: 1235, y: -50 });
    expect(at(second.nodes, "source:s1")).toEqual(at(first.nodes, "source:s1"));
  });
});
