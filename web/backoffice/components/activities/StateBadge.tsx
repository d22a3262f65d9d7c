import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { type ActivityState, STATE_COLOURS } from "../../lib/activities";

/** Shows a derived state in the colour that the team schedule uses for it. */
export function StateBadge({ state, size = "md" }: { state: ActivityState; size?: "sm" | "md" | "lg" }) {
  const { t } = useTranslation("activities");
  return (
    <Badge color={STATE_COLOURS[state]} variant="light" size={size}>
      {t(`states.${state}`)}
    </Badge>
  );
}
