import { Anchor, Group, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useParams } from "react-router";
import { ApiError } from "../../shared/api";
import { ActionList } from "../components/ActionList";
import { activityTitle } from "../components/ActivityList";
import { PageHeading } from "../components/PageHeading";
import { PortalLayout } from "../components/PortalLayout";
import { QueryState } from "../components/QueryState";
import { StateBadge } from "../components/StateBadge";
import { awaitsDate, useVisitTimeText } from "../components/VisitWhen";
import { usePageTitle } from "../lib/page-title";
import { useActivity } from "../lib/portal-queries";
import { portalHomePath, useSession } from "../lib/session";
import { readSignInNotice } from "../lib/sign-in-notice";
import type { ActivityDetail, SignedInSession } from "../lib/types";

/** Renders `/portal/activities/:id` for a signed-in customer; others go to the sign-in page. */
export function ActivityPage() {
  const session = useSession();

  if (session.data === undefined) {
    return (
      <PortalLayout size="narrow">
        <QueryState error={session.error} onRetry={() => void session.refetch()} />
      </PortalLayout>
    );
  }
  if (session.data === null || session.data.state !== "signed_in") {
    return <Navigate to={portalHomePath(readSignInNotice()?.slug)} replace />;
  }
  return <ActivityContent session={session.data} />;
}

function ActivityContent({ session }: { session: SignedInSession }) {
  const { t } = useTranslation("portal");
  const { id = "" } = useParams();
  const activity = useActivity(id);
  const homePath = portalHomePath(session.company.slug);
  const notFound = activity.error instanceof ApiError && activity.error.status === 404;

  const backLink = (
    <Anchor component={Link} to={homePath} size="sm">
      {t("activity.back")}
    </Anchor>
  );

  return (
    <PortalLayout session={session}>
      <Stack gap="lg">
        {backLink}
        {notFound ? (
          <NotFoundContent />
        ) : activity.data === undefined ? (
          <QueryState error={activity.error} onRetry={() => void activity.refetch()} />
        ) : (
          <ActivityDetails activity={activity.data} preview={session.preview !== null} />
        )}
      </Stack>
    </PortalLayout>
  );
}

function NotFoundContent() {
  const { t } = useTranslation("portal");
  usePageTitle(t("activity.notFoundTitle"));
  return (
    <Stack gap="sm">
      <PageHeading>{t("activity.notFoundTitle")}</PageHeading>
      <Text>{t("activity.notFoundMessage")}</Text>
    </Stack>
  );
}

function ActivityDetails({ activity, preview }: { activity: ActivityDetail; preview: boolean }) {
  const { t } = useTranslation("portal");
  const title = activityTitle(activity, t("activity.untitled", { reference: activity.reference }));
  const when = useVisitTimeText(activity);
  usePageTitle(title);

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Group gap="sm" align="center">
          <PageHeading>{title}</PageHeading>
          <StateBadge state={activity.state} />
        </Group>
        {activity.description.trim() !== "" && <Text size="lg">{activity.description}</Text>}
      </Stack>
      {activity.longDescription.trim() !== "" && (
        <Text className="multiline">{activity.longDescription}</Text>
      )}

      <dl className="detail-list">
        {(when !== null || awaitsDate(activity)) && (
          <div>
            <dt>{t("activity.date")}</dt>
            <dd>{when?.date ?? t("time.notScheduled")}</dd>
          </div>
        )}
        {when !== null && (
          <div>
            <dt>{when.timeLabel}</dt>
            <dd>{when.time}</dd>
          </div>
        )}
        {activity.address.trim() !== "" && (
          <div>
            <dt>{t("activity.address")}</dt>
            <dd>{activity.address}</dd>
          </div>
        )}
        {activity.worker !== null && (
          <div>
            <dt>{t("activity.worker")}</dt>
            <dd>{activity.worker}</dd>
          </div>
        )}
      </dl>

      {activity.answers.length > 0 && (
        <Stack component="section" aria-labelledby="answers-heading" gap="sm">
          <Title order={2} size="h3" id="answers-heading">
            {t("activity.answers")}
          </Title>
          <dl className="detail-list">
            {activity.answers.map((answer) => (
              <div key={answer.code}>
                <dt>{answer.label}</dt>
                <dd className="multiline">{answer.value}</dd>
              </div>
            ))}
          </dl>
        </Stack>
      )}

      <ActionList actions={activity.actions} preview={preview} />
    </Stack>
  );
}
