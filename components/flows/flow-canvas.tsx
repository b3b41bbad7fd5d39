"use client";

import {
  applyNodeChanges,
  Background,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  useNodesInitialized,
  useReactFlow,
  type Edge,
  type NodeChange,
  type NodeTypes,
  type OnNodeDrag,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { FlowGraph, FlowGraphNode } from "@/lib/flows/view-schemas";
import styles from "./flow-canvas.module.css";
import { FlowCanvasContext } from "./flow-canvas-context";
import { FlowNodeCard, type CanvasNode } from "./flow-node";

// Module scope, so React Flow never sees a new nodeTypes object and re-mounts every node.
const nodeTypes: NodeTypes = {
  source: FlowNodeCard,
  nexset: FlowNodeCard,
  destination: FlowNodeCard,
  response_source: FlowNodeCard,
};

/** Server nodes with what only the browser knows kept: positions being arranged, selection, sizes. */
function mergeNodes(server: FlowGraphNode[], previous: CanvasNode[]): CanvasNode[] {
  const byId = new Map(previous.map((node) => [node.id, node]));
  return server.map((node) => {
    const known = byId.get(node.id);
    return known
      ? { ...known, type: node.type, data: node.data }
      : { id: node.id, type: node.type, position: node.position, data: node.data };
  });
}

function toEdges(graph: FlowGraph): Edge[] {
  const active = new Set(
    graph.nodes.filter((n) => n.data.kind === "destination" && n.data.status === "active").map((n) => n.id),
  );
  return graph.edges.map((edge) => ({
    ...edge,
    animated: active.has(edge.source) || active.has(edge.target),
    markerEnd: { type: MarkerType.ArrowClosed },
    focusable: false,
  }));
}

const FIT_VIEW = { maxZoom: 1, padding: 0.2 } as const;

/** Brings new nodes into view (a source added from the palette, a destination created in the wizard). */
function FitViewWhenNodesAppear({ count }: { count: number }) {
  const { fitView } = useReactFlow();
  const initialised = useNodesInitialized();
  const fittedCount = useRef(0);
  useEffect(() => {
    if (!initialised || count <= fittedCount.current) return;
    fittedCount.current = count;
    void fitView({ ...FIT_VIEW, duration: 200 });
  }, [count, initialised, fitView]);
  return null;
}

export function FlowCanvas({
  flowId,
  graph,
  onLayoutChange,
}: {
  flowId: string;
  graph: FlowGraph;
  onLayoutChange: (nodes: CanvasNode[]) => void;
}) {
  const [syncedGraph, setSyncedGraph] = useState(graph);
  const [nodes, setNodes] = useState<CanvasNode[]>(() => mergeNodes(graph.nodes, []));
  // New data from polling: adopt it during render (React's "adjusting state" pattern), keeping local positions.
  if (graph !== syncedGraph) {
    setSyncedGraph(graph);
    setNodes((previous) => mergeNodes(graph.nodes, previous));
  }
  const edges = useMemo(() => toEdges(graph), [graph]);
  const context = useMemo(() => ({ flowId, graph }), [flowId, graph]);

  const onNodesChange = useCallback((changes: NodeChange<CanvasNode>[]) => {
    // Nodes exist because rows do: removing one is a menu action with a confirmation, never a key press.
    setNodes((current) =>
      applyNodeChanges(
        changes.filter((c) => c.type !== "remove"),
        current,
      ),
    );
  }, []);

  const onNodeDragStop: OnNodeDrag<CanvasNode> = useCallback(
    (_event, _node, dragged) => {
      const moved = new Map(dragged.map((n) => [n.id, n.position]));
      onLayoutChange(nodes.map((n) => (moved.has(n.id) ? { ...n, position: moved.get(n.id) ?? n.position } : n)));
    },
    [nodes, onLayoutChange],
  );

  return (
    <FlowCanvasContext.Provider value={context}>
      <div className={styles.canvas} aria-label="Flow canvas" role="region">
        <ReactFlow<CanvasNode, Edge>
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          onNodesChange={onNodesChange}
          onNodeDragStop={onNodeDragStop}
          nodesConnectable={false}
          edgesFocusable={false}
          deleteKeyCode={null}
          fitView
          fitViewOptions={FIT_VIEW}
          minZoom={0.2}
          proOptions={{ hideAttribution: true }}
        >
          <Background gap={20} />
          <Controls showInteractive={false} />
          <MiniMap pannable zoomable />
          <FitViewWhenNodesAppear count={nodes.length} />
        </ReactFlow>
      </div>
    </FlowCanvasContext.Provider>
  );
}
