import { Alert, Button, Stack, Text, Title, UnstyledButton } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { translateApiError } from "../../../shared/i18n";
import { type ActivityFilters, type ActivityListItem, useActivities } from "../../lib/activities";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import styles from "./schedule.module.css";

/** The API returns at most this many activities per request. */
const LIMIT = 200;

const UNSCHEDULED: ActivityFilters = {
  states: ["unscheduled"],
  activityTypeId: null,
  assigneeId: null,
  customerId: null,
  from: null,
  to: null,
  q: "",
  limit: LIMIT,
  offset: 0,
};

/** Lists the open activities without a worker or time; choosing one opens the schedule dialog. */
export function UnscheduledList({ onChoose }: { onChoose: (activity: ActivityListItem) => void }) {
  const { t } = useTranslation("schedule");
  const businessUnit = useCurrentBusinessUnit();
  const query = useActivities(businessUnit.id, UNSCHEDULED);
  const items = query.data?.items ?? [];

  return (
    <Stack gap="xs" component="section" aria-labelledby="unscheduled-heading">
      <Title order={2} size="h4" id="unscheduled-heading">
        {query.data ? t("unscheduled.titleCount", { count: query.data.total }) : t("unscheduled.title")}
      </Title>
      {query.error && (
        <Alert color="red" role="alert">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{translateApiError(query.error)}</Text>
            <Button size="xs" variant="light" color="red" onClick={() => void query.refetch()}>
              {t("unscheduled.retry")}
            </Button>
          </Stack>
        </Alert>
      )}
      {query.data && items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t("unscheduled.empty")}
        </Text>
      )}
      {items.length > 0 && (
        <ul className={`plain-list ${styles.unscheduledList}`}>
          {items.map((item) => (
            <li key={item.id}>
              <UnstyledButton
                onClick={() => onChoose(item)}
                className={styles.unscheduledItem}
                aria-label={t("unscheduled.itemLabel", {
                  reference: item.reference,
                  type: item.activityTypeName,
                  customer: item.customerName ?? t("unscheduled.noCustomer"),
                  count: item.durationMinutes,
                })}
                style={{ borderLeftColor: item.activityTypeColour }}
              >
                <Text size="sm" fw={600} component="span" display="block">
                  {item.reference} · {item.activityTypeName}
                </Text>
                <Text size="xs" c="dimmed" component="span" display="block">
                  {[item.customerName, item.city].filter(Boolean).join(" · ")}
                  {" · "}
                  {t("unscheduled.duration", { count: item.durationMinutes })}
                </Text>
              </UnstyledButton>
            </li>
          ))}
        </ul>
      )}
      {query.data && query.data.total > items.length && (
        <Text size="xs" c="dimmed">
          {t("unscheduled.more", { count: query.data.total - items.length })}
        </Text>
      )}
    </Stack>
  );
}
