"use client";

import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";
import Link from "next/link";
import { DestinationStatusBadge } from "@/components/destinations/status-badge";
import type { FlowNodeKind } from "@/lib/flows/schemas";
import type { FlowNodeData } from "@/lib/flows/view-schemas";
import styles from "./flow-canvas.module.css";
import { useFlowCanvasContext } from "./flow-canvas-context";
import { NodeMenu } from "./node-menu";
import { entryFor, nodeIcon } from "./node-registry";
import { sendToDestinationHref, useNodeMenuItems } from "./use-node-menu-items";

export type CanvasNode = Node<FlowNodeData, FlowNodeKind>;

const SOURCE_STATUS: Record<string, { label: string; tone: string }> = {
  ready: { label: "Ready", tone: "" },
  running: { label: "Running", tone: "badge-success" },
  error: { label: "Error", tone: "badge-danger" },
};

function StatusBadge({ data }: { data: FlowNodeData }) {
  if (data.kind === "nexset") return null;
  if (data.kind === "destination") return <DestinationStatusBadge status={data.status} message={data.statusMessage} />;
  const { label, tone } = SOURCE_STATUS[data.status] ?? { label: data.status, tone: "" };
  return (
    <span className={["badge", tone].filter(Boolean).join(" ")} title={data.statusMessage ?? undefined}>
      {label}
    </span>
  );
}

function AddAfterNexset({ nexsetId, name }: { nexsetId: string; name: string }) {
  const { flowId } = useFlowCanvasContext();
  return (
    <NodeMenu
      label={`Add after ${name}`}
      buttonText="+"
      items={[{ label: "Send to Destination", href: sendToDestinationHref(nexsetId, flowId) }]}
    />
  );
}

/** Every node kind renders through this one card; the registry decides what it says. */
export function FlowNodeCard({ id, data }: NodeProps<CanvasNode>) {
  const entry = entryFor(data);
  const title = entry.title(data);
  const { items, error } = useNodeMenuItems(data);
  return (
    <div
      className={styles.node}
      data-kind={data.kind}
      data-node-id={id}
      aria-label={`${title}: ${data.name}`}
      role="group"
    >
      {entry.handles.target && <Handle type="target" position={Position.Left} isConnectable={false} />}
      <div className={styles.nodeHeader}>
        <span className={styles.nodeIcon} aria-hidden="true">
          {nodeIcon(data)}
        </span>
        <span className={styles.nodeTitle}>{title}</span>
        <NodeMenu label={`Actions for ${data.name}`} buttonText="⋯" items={items} />
      </div>
      <Link href={entry.detailsHref(data)} className={`${styles.nodeName} nodrag`}>
        {data.name}
      </Link>
      <div className={styles.nodeStatus}>
        <StatusBadge data={data} />
      </div>
      <ul className={styles.nodeSummary}>
        {entry.summary(data).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {error && (
        <p className="field-error" role="alert">
          {error.message}
        </p>
      )}
      {data.kind === "nexset" && (
        <div className={styles.addAfter}>
          <AddAfterNexset nexsetId={data.refId} name={data.name} />
        </div>
      )}
      {entry.handles.source && <Handle type="source" position={Position.Right} isConnectable={false} />}
    </div>
  );
}
