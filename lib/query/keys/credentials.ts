// Query keys for Intercom credentials (connections).
export const credentialKeys = {
  all: ["credentials"] as const,
  list: () => [...credentialKeys.all, "list"] as const,
  detail: (id: string) => [...credentialKeys.all, "detail", id] as const,
  usage: (id: string) => [...credentialKeys.all, "usage", id] as const,
  dataAttributes: (id: string) => [...credentialKeys.all, "data-attributes", id] as const,
};
