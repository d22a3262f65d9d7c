import { Alert } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";

/** Tells whether the current user plans the team of the current business unit: admins and planners. */
export function useIsPlanner(): boolean {
  const businessUnit = useCurrentBusinessUnit();
  return businessUnit.roles.includes("admin") || businessUnit.roles.includes("planner");
}

/** Renders its children for admins and planners of the current business unit, a message for everyone else. */
export function PlannerOnly({ children }: { children: ReactNode }) {
  const { t } = useTranslation("team");
  const businessUnit = useCurrentBusinessUnit();
  if (useIsPlanner()) {
    return children;
  }
  return (
    <Alert color="yellow" title={t("access.plannerRequiredTitle")} role="status">
      {t("access.plannerRequired", { businessUnit: businessUnit.name })}
    </Alert>
  );
}
