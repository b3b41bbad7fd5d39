"use client";

import { useDeleteSource } from "@/components/sources/use-delete-source";
import { useRunSource } from "@/components/sources/use-run-source";
import type { FlowNodeData } from "@/lib/flows/view-schemas";
import { confirmDestinationDeletion, confirmSourceDeletion } from "./confirm-messages";
import { useFlowCanvasContext } from "./flow-canvas-context";
import type { NodeMenuItem } from "./node-menu";
import { entryFor } from "./node-registry";
import { useChangeDestinationStatus } from "./use-change-destination-status";
import { useDeleteDestination } from "./use-delete-destination";

/** The wizard's address for a new destination on a Nexset of this flow. */
export function sendToDestinationHref(nexsetId: string, flowId: string): string {
  return `/destinations/new?${new URLSearchParams({ nexsetId, flowId }).toString()}`;
}

/** Each node kind's menu: open details, its lifecycle actions, and delete with a clear warning. */
export function useNodeMenuItems(data: FlowNodeData): { items: NodeMenuItem[]; error: Error | null } {
  const { flowId, graph } = useFlowCanvasContext();
  const changeStatus = useChangeDestinationStatus(flowId);
  const deleteDestination = useDeleteDestination(flowId);
  const deleteSource = useDeleteSource();
  const runSource = useRunSource();
  const error = changeStatus.error ?? deleteDestination.error ?? deleteSource.error ?? runSource.error;
  const open: NodeMenuItem = { label: "Open details", href: entryFor(data).detailsHref(data) };

  if (data.kind === "nexset")
    return { items: [open, { label: "Send to Destination", href: sendToDestinationHref(data.refId, flowId) }], error };
  if (data.kind === "response_source") return { items: [open], error };
  if (data.kind === "destination") {
    const active = data.status === "active";
    return {
      items: [
        open,
        active
          ? { label: "Pause", onSelect: () => changeStatus.mutate({ destinationId: data.refId, action: "pause" }) }
          : {
              label: "Activate",
              onSelect: () => changeStatus.mutate({ destinationId: data.refId, action: "activate" }),
            },
        { label: "Edit settings", href: `/destinations/${data.refId}/edit` },
        // Each call's request and response (the debug view) lives in the destination page's activity log.
        { label: "Activity log", href: `/destinations/${data.refId}#activity-title` },
        {
          label: "Delete",
          danger: true,
          onSelect: () => {
            if (window.confirm(confirmDestinationDeletion(data.name, data.undelivered)))
              deleteDestination.mutate(data.refId);
          },
        },
      ],
      error,
    };
  }
  const downstream = graph.nodes.flatMap((n) =>
    n.data.kind === "destination" && n.data.nexsetId === data.nexsetId ? [n.data] : [],
  );
  const deleteItem: NodeMenuItem = {
    label: "Delete",
    danger: true,
    onSelect: () => {
      const message = confirmSourceDeletion(data.name, data.recordCount, {
        count: downstream.length,
        undelivered: downstream.reduce((sum, d) => sum + d.undelivered, 0),
      });
      if (window.confirm(message)) deleteSource.mutate({ sourceId: data.refId, force: downstream.length > 0 });
    },
  };
  const runNow: NodeMenuItem[] =
    data.sourceKind === "intercom" ? [{ label: "Run now", onSelect: () => runSource.mutate(data.refId) }] : [];
  return { items: [open, ...runNow, deleteItem], error };
}
