// Query keys for sources: one source's detail and its runs.
export const sourceKeys = {
  all: ["sources"] as const,
  source: (sourceId: string) => [...sourceKeys.all, sourceId] as const,
  detail: (sourceId: string) => [...sourceKeys.source(sourceId), "detail"] as const,
  runs: (sourceId: string) => [...sourceKeys.source(sourceId), "runs"] as const,
};
