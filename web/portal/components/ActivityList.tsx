import { Anchor, Card, Group, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { segment } from "../../shared/api";
import type { ActivitySummary } from "../lib/types";
import { StateBadge } from "./StateBadge";
import { VisitWhen } from "./VisitWhen";

interface ActivityListProps {
  /** Id of the section heading, which labels the list. */
  headingId: string;
  heading: string;
  emptyMessage: string;
  activities: ActivitySummary[];
}

/** Renders a titled section listing visits, each linking to its page. */
export function ActivityList({ headingId, heading, emptyMessage, activities }: ActivityListProps) {
  return (
    <Stack component="section" aria-labelledby={headingId} gap="sm">
      <Title order={2} size="h3" id={headingId}>
        {heading}
      </Title>
      {activities.length === 0 ? (
        <Text c="dimmed">{emptyMessage}</Text>
      ) : (
        <Stack component="ul" gap="sm" className="plain-list">
          {activities.map((activity) => (
            <li key={activity.id}>
              <ActivityCard activity={activity} />
            </li>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

export function activityTitle(activity: ActivitySummary, untitled: string): string {
  return activity.title.trim() === "" ? untitled : activity.title;
}

function ActivityCard({ activity }: { activity: ActivitySummary }) {
  const { t } = useTranslation("portal");
  return (
    <Card withBorder padding="md" radius="md">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
          <Title order={3} size="h4" className="activity-card-title">
            <Anchor component={Link} to={`/portal/activities/${segment(activity.id)}`}>
              {activityTitle(activity, t("activity.untitled", { reference: activity.reference }))}
            </Anchor>
          </Title>
          <StateBadge state={activity.state} />
        </Group>
        {activity.description.trim() !== "" && <Text size="sm">{activity.description}</Text>}
        <VisitWhen activity={activity} />
        {activity.address.trim() !== "" && (
          <Text size="sm">{t("activity.addressValue", { address: activity.address })}</Text>
        )}
      </Stack>
    </Card>
  );
}
