import { Alert } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useCurrentBusinessUnit } from "../lib/current-business-unit";

/** Renders its children for admins of the current business unit, a message for everyone else. */
export function AdminOnly({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const businessUnit = useCurrentBusinessUnit();
  if (businessUnit.isAdmin) {
    return children;
  }
  return (
    <Alert color="yellow" title={t("access.adminRequiredTitle")} role="status">
      {t("access.adminRequired", { businessUnit: businessUnit.name })}
    </Alert>
  );
}
