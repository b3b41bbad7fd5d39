"use client";

import { createContext, useContext } from "react";
import type { FlowGraph } from "@/lib/flows/view-schemas";

/** What a node's menu needs beyond its own data: which flow it is on, and the rest of the graph. */
export interface FlowCanvasContextValue {
  flowId: string;
  graph: FlowGraph;
}

export const FlowCanvasContext = createContext<FlowCanvasContextValue | null>(null);

export function useFlowCanvasContext(): FlowCanvasContextValue {
  const value = useContext(FlowCanvasContext);
  if (!value) throw new Error("Flow nodes render inside a FlowCanvasContext provider");
  return value;
}
