import { notifications } from "@mantine/notifications";
import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { ApiError } from "../../shared/api";
import { translateApiError } from "../../shared/i18n";
import { sessionQueryKey } from "./session";

/**
 * Creates the query client. A response with the code `unauthenticated` clears the cached
 * session, so the route guard sends the user to the sign-in page. A `password_change_required`
 * response reloads the session, so the guard sends the user to the password form.
 */
export function createQueryClient(): QueryClient {
  const handleSessionErrors = (error: unknown) => {
    if (!(error instanceof ApiError)) {
      return;
    }
    if (error.code === "unauthenticated" && queryClient.getQueryData(sessionQueryKey)) {
      // Cached data of this user must not show if another user signs in next.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionQueryKey[0] });
      queryClient.setQueryData(sessionQueryKey, null);
      notifications.show({ id: "session-expired", color: "yellow", message: translateApiError(error) });
    }
    if (error.code === "password_change_required") {
      void queryClient.invalidateQueries({ queryKey: sessionQueryKey });
    }
  };

  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: handleSessionErrors }),
    mutationCache: new MutationCache({ onError: handleSessionErrors }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // Only network failures and 5xx responses are retried, because a 4xx repeats on retry.
        retry: (failureCount, error) =>
          failureCount < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      },
    },
  });
  return queryClient;
}
