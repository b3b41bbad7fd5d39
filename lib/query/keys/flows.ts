// Query keys for flows: the list and each flow's canvas graph. One factory per domain, so a
// mutation invalidates exactly the keys it changes.
export const flowKeys = {
  all: ["flows"] as const,
  list: () => [...flowKeys.all, "list"] as const,
  graph: (flowId: string) => [...flowKeys.all, "graph", flowId] as const,
};
