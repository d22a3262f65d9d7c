import { Badge, VisuallyHidden } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { usePortalEventCount } from "../../lib/portal-actions";

/**
 * Renders the number of new portal events for the navigation, reloaded every 30 seconds and when
 * the window gets the focus. Screen readers hear "(3 new events)" as part of the link's name, and
 * the badge itself is hidden from them. Renders nothing while there is no new event.
 */
export function NewPortalEventsBadge({ buId }: { buId: string }) {
  const { t } = useTranslation("portalActions");
  const { data: count } = usePortalEventCount(buId);
  if (count === undefined || count === 0) {
    return null;
  }
  return (
    <>
      <Badge size="sm" circle={count < 10} color="red.9" aria-hidden="true" data-testid="portal-events-badge">
        {count > 99 ? "99+" : count}
      </Badge>
      <VisuallyHidden>{` (${t("events.navNew", { count })})`}</VisuallyHidden>
    </>
  );
}
