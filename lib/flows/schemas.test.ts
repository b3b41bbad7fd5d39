import { describe, expect, it } from "vitest";
import { createFlowSchema, flowDefinitionSchema, readStoredDefinition, updateFlowSchema } from "./schemas";

const node = (id: string, kind: string, refId: string) => ({ id, kind, refId, position: { x: 0, y: 0 } });

describe("flow definition schema", () => {
  it("accepts a version 1 definition, with or without derived edges", () => {
    const definition = { version: 1, nodes: [node("source:s1", "source", "s1"), node("nexset:n1", "nexset", "n1")] };
    expect(flowDefinitionSchema.parse(definition)).toEqual(definition);
    expect(
      flowDefinitionSchema.safeParse({ ...definition, edges: [{ id: "a->b", source: "a", target: "b" }] }).success,
    ).toBe(true);
  });

  it("refuses another version, an unknown kind, a mismatched id, a duplicate node and a non-finite position", () => {
    const bad = [
      { version: 2, nodes: [] },
      { version: 1, nodes: [node("widget:w", "widget", "w")] },
      { version: 1, nodes: [node("source:s2", "source", "s1")] },
      { version: 1, nodes: [node("source:s1", "source", "s1"), node("source:s1", "source", "s1")] },
      {
        version: 1,
        nodes: [{ ...node("source:s1", "source", "s1"), position: { x: Number.POSITIVE_INFINITY, y: 0 } }],
      },
    ];
    for (const value of bad) expect(flowDefinitionSchema.safeParse(value).success, JSON.stringify(value)).toBe(false);
  });

  it("reads the column's {} default and anything unreadable as an empty layout, dropping stored edges", () => {
    expect(readStoredDefinition({})).toEqual({ version: 1, nodes: [] });
    expect(readStoredDefinition("nonsense")).toEqual({ version: 1, nodes: [] });
    const stored = {
      version: 1,
      nodes: [node("nexset:n1", "nexset", "n1")],
      edges: [{ id: "x", source: "a", target: "b" }],
    };
    expect(readStoredDefinition(stored)).toEqual({ version: 1, nodes: stored.nodes });
  });
});

describe("flow inputs", () => {
  it("trims names and refuses empty or overlong ones", () => {
    expect(createFlowSchema.parse({ name: "  Contacts  " })).toEqual({ name: "Contacts" });
    expect(createFlowSchema.safeParse({ name: "   " }).success).toBe(false);
    expect(createFlowSchema.safeParse({ name: "x".repeat(121) }).success).toBe(false);
  });

  it("an update needs a name or a definition", () => {
    expect(updateFlowSchema.safeParse({}).success).toBe(false);
    expect(updateFlowSchema.safeParse({ name: "Renamed" }).success).toBe(true);
    expect(updateFlowSchema.safeParse({ definition: { version: 1, nodes: [] } }).success).toBe(true);
  });
});
