import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, api } from "../../shared/api";
import type { Language } from "../../shared/i18n";
import type { Session, SessionUser } from "./types";

export const sessionQueryKey = ["session"] as const;

/** Loads the session, or resolves to null when no user is signed in. */
async function fetchSession(signal: AbortSignal): Promise<Session | null> {
  try {
    return await api.get<Session>("/api/session", signal);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      return null;
    }
    throw error;
  }
}

export function useSession() {
  return useQuery({
    queryKey: sessionQueryKey,
    queryFn: ({ signal }) => fetchSession(signal),
  });
}

/** Returns the loaded session. Only components rendered below the route guard may call it. */
export function useSignedInSession(): Session {
  const { data } = useSession();
  if (!data) {
    throw new Error("useSignedInSession was called outside the signed-in routes");
  }
  return data;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: { email: string; password: string }) =>
      api.post<{ user: SessionUser }>("/api/auth/login", credentials),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionQueryKey }),
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      try {
        await api.post<undefined>("/api/auth/logout");
      } catch (error) {
        // An expired session is already signed out.
        if (!(error instanceof ApiError && error.status === 401)) {
          throw error;
        }
      }
    },
    onSuccess: () => {
      // Data of the previous user must not stay in memory for the next one.
      queryClient.clear();
      queryClient.setQueryData(sessionQueryKey, null);
    },
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      api.post<undefined>("/api/session/password", body),
    onSuccess: () => {
      // Updated at once, so the route guard lets the user leave the password form before the
      // session has been reloaded.
      queryClient.setQueryData<Session | null>(sessionQueryKey, (session) =>
        session ? { ...session, user: { ...session.user, mustChangePassword: false } } : session,
      );
      return queryClient.invalidateQueries({ queryKey: sessionQueryKey });
    },
  });
}

export function useUpdateMyLanguage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (language: Language) => api.patch<SessionUser>("/api/me", { language }),
    onSuccess: (user) => {
      queryClient.setQueryData<Session | null>(sessionQueryKey, (session) =>
        session ? { ...session, user: { ...session.user, ...user } } : session,
      );
    },
  });
}
