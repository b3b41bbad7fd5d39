"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { flowToDefinition } from "@/lib/flows/definition-to-flow";
import { AddSourcePanel } from "./add-source-panel";
import { FlowCanvas } from "./flow-canvas";
import styles from "./flow-canvas.module.css";
import { FlowHeader } from "./flow-header";
import type { CanvasNode } from "./flow-node";
import type { SourcePaletteEntry } from "./node-registry";
import { SourcePalette } from "./source-palette";
import { useFlowGraph } from "./use-flow-graph";
import { useUpdateFlow } from "./use-update-flow";

const SAVE_LAYOUT_AFTER_MS = 500;

export function FlowCanvasPage({ flowId }: { flowId: string }) {
  const { data: graph, error, isPending } = useFlowGraph(flowId);
  const [panel, setPanel] = useState<SourcePaletteEntry | null>(null);
  const updateFlow = useUpdateFlow(flowId);
  const saveTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const { mutate: saveLayout } = updateFlow;

  // Dragging fires on every drop; only the last layout of a burst is sent.
  const onLayoutChange = useCallback(
    (nodes: CanvasNode[]) => {
      clearTimeout(saveTimer.current);
      saveTimer.current = setTimeout(() => saveLayout({ definition: flowToDefinition(nodes) }), SAVE_LAYOUT_AFTER_MS);
    },
    [saveLayout],
  );
  useEffect(() => () => clearTimeout(saveTimer.current), []);

  if (isPending) return <p className="muted">Loading flow…</p>;
  if (error) return <div className="alert alert-error">Could not load this flow: {error.message}</div>;

  return (
    <>
      <FlowHeader flow={graph.flow} />
      {updateFlow.error && (
        <div className="alert alert-error" role="alert" style={{ marginBottom: 12 }}>
          Could not save the layout: {updateFlow.error.message}
        </div>
      )}
      <div className={styles.workspace}>
        <SourcePalette onPick={setPanel} />
        <div className={styles.canvasColumn}>
          {graph.nodes.length === 0 && (
            <div className={styles.canvasHint} role="note">
              This flow is empty. Add a source from the palette: a file, a webhook or an Intercom list.
            </div>
          )}
          <FlowCanvas flowId={flowId} graph={graph} onLayoutChange={onLayoutChange} />
        </div>
        {panel && <AddSourcePanel flowId={flowId} entry={panel} onClose={() => setPanel(null)} />}
      </div>
      <p className="field-hint" aria-live="polite">
        {updateFlow.isPending ? "Saving layout…" : updateFlow.isSuccess ? "Layout saved." : ""}
      </p>
    </>
  );
}
