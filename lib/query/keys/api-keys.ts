// Query keys for API keys. One factory per domain (lib/query/keys/<domain>.ts) so a mutation
// invalidates exactly the keys it changes.
export const apiKeyKeys = {
  all: ["api-keys"] as const,
  list: () => [...apiKeyKeys.all, "list"] as const,
};
