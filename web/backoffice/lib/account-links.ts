import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../shared/api";
import { sessionQueryKey } from "./session";

/** Purpose of a single-use account link sent by email. */
export type AccountLinkPurpose = "password_reset" | "invitation";

const REDEEM_PATHS: Record<AccountLinkPurpose, string> = {
  password_reset: "/api/auth/password-reset/confirm",
  invitation: "/api/auth/invitation/accept",
};

/**
 * Requests a password reset link. The server returns 202 whether or not the address has an
 * account, so the response reveals nothing about it.
 */
export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (email: string) => api.post<{ accepted: true }>("/api/auth/password-reset", { email }),
  });
}

/**
 * Sets the password with the token of a reset or invitation link. An unknown, used or expired
 * link fails with `invalid_link`, and a too short password with `weak_password`. The server ends
 * every session of the account, so the cached session is reloaded.
 */
export function useSetPasswordWithLink(purpose: AccountLinkPurpose) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: { token: string; password: string }) =>
      api.post<{ done: true }>(REDEEM_PATHS[purpose], request),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionQueryKey }),
  });
}

/** Reads the token of an account link, which travels in the URL fragment: `#token=…`. */
export function tokenFromHash(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, "")).get("token");
  return token && token.trim() !== "" ? token : null;
}
