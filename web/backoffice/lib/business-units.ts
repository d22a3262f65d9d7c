import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api, segment } from "../../shared/api";
import type { Language } from "../../shared/i18n";
import { sessionQueryKey } from "./session";
import type { BusinessUnit, BusinessUnitPatch, Country } from "./types";

export const businessUnitQueryKey = (buId: string) => ["businessUnit", buId] as const;

export function useBusinessUnit(buId: string, enabled = true) {
  return useQuery({
    queryKey: businessUnitQueryKey(buId),
    queryFn: ({ signal }) => api.get<BusinessUnit>(`/api/business-units/${segment(buId)}`, signal),
    enabled,
  });
}

/** Sends a partial update and shows the success notification. The caller shows errors. */
export function useUpdateBusinessUnit(buId: string) {
  const queryClient = useQueryClient();
  const { t } = useTranslation("settings");
  return useMutation({
    mutationFn: (patch: BusinessUnitPatch) =>
      api.patch<BusinessUnit>(`/api/business-units/${segment(buId)}`, patch),
    onSuccess: (updated) => {
      queryClient.setQueryData(businessUnitQueryKey(buId), updated);
      // The session lists each business unit's name, code, zone and language.
      void queryClient.invalidateQueries({ queryKey: sessionQueryKey });
      notifications.show({ color: "green", message: t("saved") });
    },
  });
}

export function useCountries(language: Language) {
  return useQuery({
    queryKey: ["countries", language],
    queryFn: ({ signal }) =>
      api.get<Country[]>(`/api/reference/countries?language=${encodeURIComponent(language)}`, signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
}
