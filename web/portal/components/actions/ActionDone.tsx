import { Anchor, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formattingLocale } from "../../../shared/format";
import { activityPath } from "../../lib/action-path";
import { usePageTitle } from "../../lib/page-title";
import { useActivity } from "../../lib/portal-queries";
import { portalHomePath } from "../../lib/session";
import type { PortalActionView, SignedInSession } from "../../lib/types";
import { describeVisitTime } from "../../lib/visit-time";
import { PageHeading } from "../PageHeading";
import type { ActionOutcome } from "./ActionFlow";

type OutcomeKind = "booked" | "canceled" | "closed" | "updated" | "requested";

function outcomeKind(action: PortalActionView, outcome: ActionOutcome): OutcomeKind {
  if (outcome.window !== null) {
    return "booked";
  }
  switch (action.effect) {
    case "cancel_activity":
      return "canceled";
    case "close_activity":
      return "closed";
    case "update_activity":
      return "updated";
    default:
      return "requested";
  }
}

interface ActionDoneProps {
  session: SignedInSession;
  action: PortalActionView;
  outcome: ActionOutcome;
}

/**
 * Renders the confirmation after an action ran: what happened, the booked window in the visit's
 * zone, and links to the visit and to the home page. The link to the visit shows only when the
 * visit's page exists, because a created visit may be of a type the portal does not show.
 */
export function ActionDone({ session, action, outcome }: ActionDoneProps) {
  const { t } = useTranslation("portal");
  const kind = outcomeKind(action, outcome);
  const title = t(`done.title.${kind}`);
  const visit = useActivity(outcome.result.activityId);
  usePageTitle(title);

  const window = outcome.window;
  const when =
    window === null
      ? null
      : describeVisitTime(
          {
            start: null,
            end: null,
            arrivalWindow: { start: window.start, end: window.end },
            timeZone: window.timeZone,
          },
          formattingLocale(),
        );
  const windowText =
    when === null
      ? null
      : when.zoneCity === null
        ? when.time
        : t("time.inZone", { time: when.time, city: when.zoneCity });

  return (
    <Stack gap="md">
      <PageHeading>{title}</PageHeading>
      {when !== null && windowText !== null && (
        <dl className="detail-list">
          <div>
            <dt>{t("activity.date")}</dt>
            <dd>{when.date}</dd>
          </div>
          <div>
            <dt>{t("time.arrivalWindow")}</dt>
            <dd>{windowText}</dd>
          </div>
        </dl>
      )}
      <Text>{t(`done.text.${kind}`, { company: session.company.displayName })}</Text>
      <Stack gap="xs">
        {visit.data !== undefined && (
          <Anchor component={Link} to={activityPath(outcome.result.activityId)}>
            {t("done.seeVisit")}
          </Anchor>
        )}
        <Anchor component={Link} to={portalHomePath(session.company.slug)}>
          {t("activity.back")}
        </Anchor>
      </Stack>
    </Stack>
  );
}
