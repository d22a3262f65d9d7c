import { Anchor, Group, Paper, SimpleGrid, Stack, Switch, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { api, segment } from "../../../shared/api";
import { currentLanguage, translateApiError } from "../../../shared/i18n";
import { ActivityActions } from "../../components/activities/ActivityActions";
import { ActivityHistory } from "../../components/activities/ActivityHistory";
import { formatAddress, formatSchedule, geoUrl, mapsUrl } from "../../components/activities/format";
import { StateBadge } from "../../components/activities/StateBadge";
import { FormRenderer } from "../../components/forms/FormRenderer";
import { staffFileStorage } from "../../components/forms/file-storage";
import { RelatedMessages } from "../../components/messages/RelatedMessages";
import { QueryState } from "../../components/QueryState";
import { useIsPlanner } from "../../components/team/PlannerOnly";
import { type Activity, type ActivityLink, useActivity, useUpdateActivity } from "../../lib/activities";
import { useActivityType } from "../../lib/catalog";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import { usePageTitle } from "../../lib/page-title";
import { type WorkerSummary, workersQueryKey } from "../../lib/team";

/** Shows one activity: details, actions for its state, its forms and its history. */
export function ActivityPage() {
  const { t } = useTranslation("activities");
  const businessUnit = useCurrentBusinessUnit();
  const isPlanner = useIsPlanner();
  const { activityId = "" } = useParams();
  const query = useActivity(businessUnit.id, activityId);
  const activity = query.data;
  usePageTitle(`${activity?.reference ?? t("page.fallbackTitle")} – ${businessUnit.name}`);
  const base = `/bu/${encodeURIComponent(businessUnit.id)}`;

  return (
    <Stack gap="lg">
      <Anchor component={Link} to={isPlanner ? `${base}/activities` : `${base}/my-day`} size="sm">
        {isPlanner ? t("page.backToList") : t("page.backToMyDay")}
      </Anchor>
      {activity ? (
        <ActivityDetails activity={activity} />
      ) : (
        <>
          <Title order={1}>{t("page.fallbackTitle")}</Title>
          <QueryState error={query.error} onRetry={() => void query.refetch()} />
        </>
      )}
    </Stack>
  );
}

function ActivityDetails({ activity }: { activity: Activity }) {
  const { t } = useTranslation("activities");
  const businessUnit = useCurrentBusinessUnit();
  const isPlanner = useIsPlanner();
  const zone = businessUnit.timeZone;
  const base = `/bu/${encodeURIComponent(businessUnit.id)}`;
  // Shares the team screens' cache; only planners may list the workers.
  const workers = useQuery({
    queryKey: workersQueryKey(businessUnit.id),
    queryFn: ({ signal }) =>
      api.get<WorkerSummary[]>(`/api/business-units/${segment(businessUnit.id)}/workers`, signal),
    enabled: isPlanner,
  });
  const workerNames = useMemo(
    () => new Map((workers.data ?? []).map((worker) => [worker.userId, worker.name])),
    [workers.data],
  );
  const address = formatAddress(activity.address);
  const maps = mapsUrl(activity.address);
  const geo = geoUrl(activity.address);

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Group gap="sm" align="center">
          <span
            aria-hidden="true"
            style={{ width: 14, height: 14, borderRadius: 4, background: activity.activityTypeColour }}
          />
          <Title order={1}>
            {t("page.title", { reference: activity.reference, type: activity.activityTypeName })}
          </Title>
          <StateBadge state={activity.state} size="lg" />
        </Group>
        <ActivityActions activity={activity} />
      </Stack>

      <Paper withBorder p="md" component="section" aria-labelledby="activity-details">
        <Title order={2} size="h4" id="activity-details" mb="sm">
          {t("page.details")}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" component="dl">
          <Fact label={t("fields.customer")}>
            {activity.customer ? (
              <Anchor component={Link} to={`${base}/customers/${encodeURIComponent(activity.customer.id)}`}>
                {activity.customer.displayName}
              </Anchor>
            ) : (
              t("noCustomer")
            )}
          </Fact>
          <Fact label={t("fields.address")}>
            <Stack gap={2}>
              <span>{address || t("noAddress")}</span>
              {activity.address.latitude === null && address !== "" && (
                <Text size="xs" c="dimmed">
                  {t("notLocated")}
                </Text>
              )}
              <Group gap="sm">
                {maps && (
                  <Anchor href={maps} target="_blank" rel="noopener noreferrer" size="sm">
                    {t("openInMaps")}
                  </Anchor>
                )}
                {geo && (
                  <Anchor href={geo} size="sm">
                    {t("openInMapsApp")}
                  </Anchor>
                )}
              </Group>
            </Stack>
          </Fact>
          <Fact label={t("fields.worker")}>{activity.assignee?.name ?? t("noWorker")}</Fact>
          <Fact label={t("fields.when")}>
            {activity.startAt && activity.endAt
              ? t("page.whenInZone", { when: formatSchedule(activity.startAt, activity.endAt, zone), zone })
              : t("notScheduled")}
          </Fact>
          <Fact label={t("fields.duration")}>{t("durationValue", { count: activity.durationMinutes })}</Fact>
          <Fact label={t("fields.confirmed")}>
            <ConfirmedSwitch activity={activity} />
          </Fact>
          {activity.comment && (
            <Fact label={t("fields.comment")}>
              <span style={{ whiteSpace: "pre-wrap" }}>{activity.comment}</span>
            </Fact>
          )}
          {activity.result && (
            <Fact label={t("fields.result")}>
              {activity.result === "ko" ? t("results.ko") : t("results.ok")}
            </Fact>
          )}
          {activity.cancelReason && (
            <Fact label={t("fields.cancelReason")}>
              {t(`cancelReasons.${activity.cancelReason}`)}
              {activity.cancelDetails ? ` – ${activity.cancelDetails}` : ""}
            </Fact>
          )}
          <Fact label={t("fields.parent")}>
            {activity.parent ? <ActivityLinkItem link={activity.parent} /> : t("none")}
          </Fact>
          <Fact label={t("fields.children")}>
            {activity.children.length === 0 ? (
              t("none")
            ) : (
              <Stack gap={2}>
                {activity.children.map((child) => (
                  <ActivityLinkItem key={child.id} link={child} />
                ))}
              </Stack>
            )}
          </Fact>
        </SimpleGrid>
      </Paper>

      <ActivityForms activity={activity} />
      {isPlanner && (
        <Paper withBorder p="md" component="section" aria-labelledby="activity-messages">
          <Title order={2} size="h4" id="activity-messages" mb="sm">
            {t("related.heading", { ns: "messages" })}
          </Title>
          <RelatedMessages activityId={activity.id} version={activity.version} />
        </Paper>
      )}
      <ActivityHistory activity={activity} zone={zone} workerNames={workerNames} />
    </Stack>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="dd" m={0}>
        {children}
      </Text>
    </div>
  );
}

function ActivityLinkItem({ link }: { link: ActivityLink }) {
  const { t } = useTranslation("activities");
  const businessUnit = useCurrentBusinessUnit();
  return (
    <Group gap="xs">
      <Anchor
        component={Link}
        to={`/bu/${encodeURIComponent(businessUnit.id)}/activities/${encodeURIComponent(link.id)}`}
      >
        {link.reference}
      </Anchor>
      <Text size="sm" c="dimmed">
        {t(`states.${link.state}`)}
      </Text>
    </Group>
  );
}

function ConfirmedSwitch({ activity }: { activity: Activity }) {
  const { t } = useTranslation("activities");
  const businessUnit = useCurrentBusinessUnit();
  const isPlanner = useIsPlanner();
  const update = useUpdateActivity(businessUnit.id, activity.id);
  const [error, setError] = useState<string | null>(null);
  const open = activity.state !== "terminated" && activity.state !== "canceled";
  return (
    <Switch
      label={t("fields.confirmedSwitch")}
      checked={update.isPending ? !activity.confirmedByCustomer : activity.confirmedByCustomer}
      disabled={!isPlanner || !open || update.isPending}
      error={error}
      onChange={(event) => {
        setError(null);
        update.mutate(
          { confirmedByCustomer: event.currentTarget.checked },
          { onError: (failure) => setError(translateApiError(failure)) },
        );
      }}
    />
  );
}

/** Shows the answers of the activity form and, once closed, of the closing form, read-only. */
function ActivityForms({ activity }: { activity: Activity }) {
  const { t } = useTranslation("activities");
  const businessUnit = useCurrentBusinessUnit();
  const type = useActivityType(businessUnit.id, activity.activityTypeId);
  if (!type.data) {
    return type.error ? <QueryState error={type.error} onRetry={() => void type.refetch()} /> : null;
  }
  const files = staffFileStorage(businessUnit.id);
  const language = currentLanguage();
  return (
    <>
      {type.data.activityForm.fields.length > 0 && (
        <Paper withBorder p="md" component="section" aria-labelledby="activity-form">
          <Title order={2} size="h4" id="activity-form" mb="sm">
            {t("page.activityForm")}
          </Title>
          <FormRenderer
            form={type.data.activityForm}
            answers={activity.answers}
            onChange={() => undefined}
            language={language}
            files={files}
            timeZone={businessUnit.timeZone}
            disabled
          />
        </Paper>
      )}
      {activity.closingAnswers && (
        <Paper withBorder p="md" component="section" aria-labelledby="closing-report">
          <Title order={2} size="h4" id="closing-report" mb="sm">
            {t("page.closingReport")}
          </Title>
          <FormRenderer
            form={type.data.closingForm}
            answers={activity.closingAnswers}
            onChange={() => undefined}
            language={language}
            files={files}
            timeZone={businessUnit.timeZone}
            disabled
          />
        </Paper>
      )}
    </>
  );
}
