// Query keys for destinations. The monitoring page keys its own data under `detail(id)` too, so a
// saved edit invalidates what that page shows.
export const destinationKeys = {
  all: ["destinations"] as const,
  list: (filter: { nexsetId?: string; flowId?: string } = {}) => [...destinationKeys.all, "list", filter] as const,
  detail: (id: string) => [...destinationKeys.all, "detail", id] as const,
};
