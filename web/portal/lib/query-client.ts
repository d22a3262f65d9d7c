import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { ApiError } from "../../shared/api";
import { endSession, isSignedOutError } from "./session";

/**
 * Creates the query client. Any request that fails with 401 `unauthenticated` or
 * `portal_signed_out` ends the session in the page, so the customer lands on the sign-in page at once.
 */
export function createQueryClient(): QueryClient {
  const handleSignedOut = (error: unknown) => {
    if (isSignedOutError(error)) {
      endSession(queryClient, error);
    }
  };

  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: handleSignedOut }),
    mutationCache: new MutationCache({ onError: handleSignedOut }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // Only network failures and 5xx responses are retried, because a 4xx repeats on retry.
        retry: (failureCount, error) =>
          failureCount < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      },
    },
  });
  return queryClient;
}
