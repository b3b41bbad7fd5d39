import { QueryClient } from "@tanstack/react-query";
import { ApiRequestError } from "./fetch-json";

/** One QueryClient per browser tab (components/providers.tsx creates it once). */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        refetchOnWindowFocus: false,
        // A 4xx will not fix itself by asking again; network blips and 5xx might.
        retry: (failureCount, error) => !(error instanceof ApiRequestError && error.status < 500) && failureCount < 2,
      },
      mutations: { retry: false },
    },
  });
}
