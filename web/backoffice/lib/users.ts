import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, segment } from "../../shared/api";
import { sessionQueryKey } from "./session";
import type { BusinessUnitUser, NewBusinessUnitUser, Role } from "./types";

export const usersQueryKey = (buId: string) => ["businessUnitUsers", buId] as const;

const usersPath = (buId: string) => `/api/business-units/${segment(buId)}/users`;

export function useBusinessUnitUsers(buId: string, enabled = true) {
  return useQuery({
    queryKey: usersQueryKey(buId),
    queryFn: ({ signal }) => api.get<BusinessUnitUser[]>(usersPath(buId), signal),
    enabled,
  });
}

/**
 * Reloads the user list, and the session too because the change may concern the signed-in user
 * (their roles or their membership).
 */
function useRefreshUsers(buId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: usersQueryKey(buId) }),
      queryClient.invalidateQueries({ queryKey: sessionQueryKey }),
    ]);
}

export function useAddUser(buId: string) {
  const refresh = useRefreshUsers(buId);
  return useMutation({
    mutationFn: (user: NewBusinessUnitUser) => api.post<BusinessUnitUser>(usersPath(buId), user),
    onSuccess: refresh,
  });
}

/**
 * Emails the member a new invitation link, which works once for one hour. Earlier links stop
 * working.
 */
export function useSendInvitation(buId: string) {
  return useMutation({
    mutationFn: (userId: string) =>
      api.post<{ sent: true }>(`${usersPath(buId)}/${segment(userId)}/invitation`),
  });
}

export function useUpdateUserRoles(buId: string) {
  const refresh = useRefreshUsers(buId);
  return useMutation({
    mutationFn: ({ userId, roles }: { userId: string; roles: Role[] }) =>
      api.put<BusinessUnitUser>(`${usersPath(buId)}/${segment(userId)}/roles`, { roles }),
    onSuccess: refresh,
  });
}

export function useRemoveUser(buId: string) {
  const refresh = useRefreshUsers(buId);
  return useMutation({
    mutationFn: (userId: string) => api.delete(`${usersPath(buId)}/${segment(userId)}`),
    onSuccess: refresh,
  });
}
