import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ActivityState } from "../lib/types";

const STATE_COLOURS: Record<ActivityState, string> = {
  unscheduled: "gray",
  scheduled: "blue",
  in_progress: "orange",
  to_close: "green",
  terminated: "green",
  canceled: "red",
};

/**
 * Renders an activity's state as a badge whose text, not only its colour, gives the state. The
 * text is near-black because the light badges' own text colours fail WCAG AA contrast.
 */
export function StateBadge({ state }: { state: ActivityState }) {
  const { t } = useTranslation("portal");
  return (
    <Badge color={STATE_COLOURS[state]} variant="light" c="gray.9" className="state-badge">
      {t(`states.${state}`)}
    </Badge>
  );
}
