import { Alert } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";

/** Returns whether the signed-in user may see the catalog of the current business unit. */
function useCanSeeCatalog(): boolean {
  const businessUnit = useCurrentBusinessUnit();
  return businessUnit.roles.includes("admin") || businessUnit.roles.includes("planner");
}

/** Renders its children for admins and planners of the current business unit, a message for others. */
export function CatalogAccess({ children }: { children: ReactNode }) {
  const { t } = useTranslation("catalog");
  const businessUnit = useCurrentBusinessUnit();
  if (useCanSeeCatalog()) {
    return children;
  }
  return (
    <Alert color="yellow" title={t("access.title")} role="status">
      {t("access.message", { businessUnit: businessUnit.name })}
    </Alert>
  );
}
