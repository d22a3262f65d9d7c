import { keepPreviousData, type QueryClient, useQuery } from "@tanstack/react-query";
import { segment } from "../../shared/api";
import { currentLanguage } from "../../shared/i18n";
import { portalApi } from "./portal-api";
import type { ActivityDetail, PortalHome } from "./types";

/** Prefixes of the query keys of the signed-in customer's data, for invalidation after a change. */
const HOME_KEY = ["portal", "home"] as const;
const ACTIVITY_KEY = ["portal", "activity"] as const;

/**
 * Loads the home page's visits and actions. The server fills the type's texts and the action
 * labels in the page's language, so switching language loads them again. The texts of the
 * previous language stay on screen meanwhile.
 */
export function useHome(options: { enabled?: boolean } = {}) {
  const language = currentLanguage();
  return useQuery({
    queryKey: [...HOME_KEY, language],
    queryFn: ({ signal }) => portalApi.get<PortalHome>(`/portal-api/home?language=${language}`, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

/**
 * Loads one visit with its actions, in the page's language. After a switch of language the
 * previous texts stay on screen until the new ones arrive, but never those of another visit.
 */
export function useActivity(id: string, options: { enabled?: boolean } = {}) {
  const language = currentLanguage();
  return useQuery({
    queryKey: [...ACTIVITY_KEY, id, language],
    queryFn: ({ signal }) =>
      portalApi.get<ActivityDetail>(`/portal-api/activities/${segment(id)}?language=${language}`, signal),
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[2] === id ? previous : undefined),
    enabled: options.enabled ?? true,
  });
}

/** Marks the home page and every visit as stale, after an action changed them. */
export function invalidateCustomerData(queryClient: QueryClient): Promise<void> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: HOME_KEY }),
    queryClient.invalidateQueries({ queryKey: ACTIVITY_KEY }),
  ]).then(() => undefined);
}
