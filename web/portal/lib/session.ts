import { type QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, segment } from "../../shared/api";
import { portalApi } from "./portal-api";
import { clearPreviewToken, readPreviewToken } from "./preview";
import { setSignInNotice } from "./sign-in-notice";
import type { PortalSession, PortalUnit } from "./types";

export const sessionQueryKey = ["portal", "session"] as const;
/** Second part of the query key of the company at `/portal/<slug>`. */
const unitQueryKey = "unit";

/** Error codes after which the customer must sign in again. */
const SIGNED_OUT_CODES = new Set(["unauthenticated", "portal_signed_out"]);

export function isSignedOutError(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 401 && SIGNED_OUT_CODES.has(error.code);
}

/**
 * Removes the session and every cached response of the customer, and records the reason for
 * the sign-in page to show. Called when any request fails because the customer is signed out.
 */
export function endSession(queryClient: QueryClient, error: ApiError): void {
  const previous = queryClient.getQueryData<PortalSession | null>(sessionQueryKey);
  const slug = previous?.state === "signed_in" ? previous.company.slug : null;

  if (readPreviewToken() !== null) {
    // An expired preview token cannot come back to life, so the tab leaves preview mode.
    clearPreviewToken();
    setSignInNotice({ reason: "preview_ended", slug });
  } else if (previous?.state === "signed_in" || error.code === "portal_signed_out") {
    setSignInNotice({
      reason: error.code === "portal_signed_out" ? "portal_signed_out" : "unauthenticated",
      slug,
    });
  }

  // The company shown at `/portal/<slug>` is public and stays. The sign-in page may be loading it
  // already when a second request fails, and removing its query then would leave the page blank.
  queryClient.removeQueries({
    predicate: (query) => query.queryKey[1] !== sessionQueryKey[1] && query.queryKey[1] !== unitQueryKey,
  });
  queryClient.setQueryData(sessionQueryKey, null);
}

export function useSession() {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: sessionQueryKey,
    // Loaded again on every page, so a revoked access signs the customer out at the next page.
    staleTime: 0,
    queryFn: async ({ signal }): Promise<PortalSession | null> => {
      try {
        return await portalApi.get<PortalSession>("/portal-api/session", signal);
      } catch (error) {
        if (isSignedOutError(error)) {
          endSession(queryClient, error);
          return null;
        }
        throw error;
      }
    },
  });
}

/** Loads the company shown at `/portal/<slug>`; resolves to null when no portal has this address. */
export function usePortalUnit(slug: string | undefined) {
  return useQuery({
    queryKey: ["portal", unitQueryKey, slug],
    enabled: slug !== undefined,
    staleTime: 5 * 60_000,
    queryFn: async ({ signal }): Promise<PortalUnit | null> => {
      try {
        return await portalApi.get<PortalUnit>(`/portal-api/units/${segment(slug ?? "")}`, signal);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) {
          return null;
        }
        throw error;
      }
    },
  });
}

/** Returns a mutation that stores the session it resolves to, for the sign-in steps. */
function useSessionMutation<TVariables>(path: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TVariables) => portalApi.post<PortalSession>(path, body),
    onSuccess: (session) => {
      setSignInNotice(null);
      queryClient.setQueryData(sessionQueryKey, session);
    },
  });
}

export function useRequestCode() {
  return useMutation({
    mutationFn: (body: { identifier: string; slug?: string }) =>
      portalApi.post<{ message: string }>("/portal-api/auth/code", body),
  });
}

export function useVerifyCode() {
  return useSessionMutation<{ identifier: string; code: string; slug?: string }>("/portal-api/auth/verify");
}

export function useLinkSignIn() {
  return useSessionMutation<{ token: string }>("/portal-api/auth/link");
}

/** Opens one of the identifier's customer accounts, after sign-in or to switch accounts. */
export function useChooseCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { organizationId: string; customerId: string }) =>
      portalApi.post<PortalSession>("/portal-api/auth/choose", body),
    onSuccess: (session) => {
      setSignInNotice(null);
      // Cached visits and actions belong to the account the session acted for until now.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[1] !== sessionQueryKey[1] });
      queryClient.setQueryData(sessionQueryKey, session);
    },
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      try {
        await portalApi.post<undefined>("/portal-api/auth/sign-out");
      } catch (error) {
        // A session that has already ended is signed out.
        if (!isSignedOutError(error)) {
          throw error;
        }
      }
    },
    onSuccess: () => {
      // Data of this customer must not stay in memory for the next person on this device.
      queryClient.clear();
      queryClient.setQueryData(sessionQueryKey, null);
    },
  });
}

/**
 * Returns the path of a company's portal front page, or of the general one without a slug. The
 * same page shows the sign-in form before signing in and the home page after.
 */
export function portalHomePath(slug: string | null | undefined): string {
  return slug ? `/portal/${segment(slug)}` : "/portal";
}
