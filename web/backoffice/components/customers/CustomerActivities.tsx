import { Anchor, Badge, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatDateTime } from "../../../shared/format";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import { type ActivityState, type CustomerActivity, useCustomerActivities } from "../../lib/customers";
import { QueryState } from "../QueryState";

const STATE_COLOURS: Record<ActivityState, string> = {
  canceled: "gray",
  terminated: "green",
  in_progress: "blue",
  to_close: "orange",
  scheduled: "indigo",
  unscheduled: "yellow",
};

/**
 * Lists the customer's activities with their state, date and field worker; each links to the
 * activity's page. Field workers see only the activities assigned to them.
 */
export function CustomerActivities({ customerId }: { customerId: string }) {
  const { t } = useTranslation("customers");
  const businessUnit = useCurrentBusinessUnit();
  const query = useCustomerActivities(businessUnit.id, customerId);

  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        {t("activities.heading")}
      </Title>
      {query.data ? (
        <ActivityList activities={query.data.items} total={query.data.total} />
      ) : (
        <QueryState error={query.error} onRetry={() => void query.refetch()} />
      )}
    </Stack>
  );
}

function ActivityList({ activities, total }: { activities: CustomerActivity[]; total: number }) {
  const { t } = useTranslation("customers");
  const businessUnit = useCurrentBusinessUnit();
  if (activities.length === 0) {
    return <Text size="sm">{t("activities.none")}</Text>;
  }
  return (
    <Stack gap="xs">
      {total > activities.length && (
        <Text size="sm" c="dimmed">
          {t("activities.firstOf", { shown: activities.length, count: total })}
        </Text>
      )}
      <Stack gap="xs" component="ul" className="plain-list" aria-label={t("activities.heading")}>
        {activities.map((activity) => (
          <Paper component="li" key={activity.id} withBorder p="sm">
            <Stack gap={4}>
              <Group gap="xs" justify="space-between" wrap="wrap">
                <Anchor
                  component={Link}
                  fw={500}
                  to={`/bu/${encodeURIComponent(businessUnit.id)}/activities/${encodeURIComponent(activity.id)}`}
                >
                  {t("activities.name", { reference: activity.reference, type: activity.activityTypeName })}
                </Anchor>
                <Badge color={STATE_COLOURS[activity.state]} variant="light" tt="none">
                  {t(`activities.states.${activity.state}`)}
                </Badge>
              </Group>
              <Text size="sm">
                {activity.startAt
                  ? formatDateTime(activity.startAt, businessUnit.timeZone)
                  : t("activities.notScheduled")}
                {activity.assigneeName ? ` · ${activity.assigneeName}` : ""}
              </Text>
            </Stack>
          </Paper>
        ))}
      </Stack>
    </Stack>
  );
}
