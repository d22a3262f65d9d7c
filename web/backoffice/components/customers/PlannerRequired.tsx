import { Alert } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";

/** Tells a member who is neither admin nor planner that this customer screen is not for them. */
export function PlannerRequired() {
  const { t } = useTranslation("customers");
  const businessUnit = useCurrentBusinessUnit();
  return (
    <Alert color="yellow" title={t("access.plannerRequiredTitle")} role="status">
      {t("access.plannerRequired", { businessUnit: businessUnit.name })}
    </Alert>
  );
}
