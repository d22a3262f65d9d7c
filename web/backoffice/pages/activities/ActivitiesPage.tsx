import { Anchor, Button, Group, Pagination, Stack, Table, Text, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { addDays, startOfDayInstant } from "../../../shared/zoned-time";
import {
  ActivityFiltersBar,
  type ListFilters,
  NO_FILTERS,
} from "../../components/activities/ActivityFiltersBar";
import { formatSchedule } from "../../components/activities/format";
import { NewActivityModal } from "../../components/activities/NewActivityModal";
import { StateBadge } from "../../components/activities/StateBadge";
import { QueryState } from "../../components/QueryState";
import { PlannerOnly } from "../../components/team/PlannerOnly";
import { TeamDatesProvider } from "../../components/team/TeamDatesProvider";
import { type ActivityFilters, type ActivityListItem, useActivities } from "../../lib/activities";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import { useLiveUpdates } from "../../lib/live-updates";
import { usePageTitle } from "../../lib/page-title";

const PAGE_SIZE = 50;
/** Wait after the last key press in the search box before asking the server, in milliseconds. */
const SEARCH_DELAY_MS = 300;

/**
 * Filters by business unit, remembered while the page is open, so going back from an activity
 * finds the list as it was.
 */
const rememberedFilters = new Map<string, ListFilters>();

/** Lists the activities of the unit with filters, and creates new ones (admins and planners). */
export function ActivitiesPage() {
  const { t } = useTranslation("activities");
  const businessUnit = useCurrentBusinessUnit();
  usePageTitle(`${t("list.title")} – ${businessUnit.name}`);
  return (
    <Stack gap="lg">
      <Title order={1}>{t("list.title")}</Title>
      <PlannerOnly>
        <TeamDatesProvider>
          <ActivityList />
        </TeamDatesProvider>
      </PlannerOnly>
    </Stack>
  );
}

function ActivityList() {
  const { t } = useTranslation("activities");
  const businessUnit = useCurrentBusinessUnit();
  const zone = businessUnit.timeZone;
  useLiveUpdates(businessUnit.id);
  const [filters, setFiltersState] = useState<ListFilters>(
    () => rememberedFilters.get(businessUnit.id) ?? NO_FILTERS,
  );
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [debouncedSearch] = useDebouncedValue(filters.q, SEARCH_DELAY_MS);

  const setFilters = (next: ListFilters) => {
    rememberedFilters.set(businessUnit.id, next);
    setFiltersState(next);
    setPage(1);
  };

  const request: ActivityFilters = useMemo(
    () => ({
      states: filters.states,
      activityTypeId: filters.activityTypeId,
      assigneeId: filters.assigneeId,
      customerId: filters.customer?.id ?? null,
      from: filters.fromDate ? startOfDayInstant(filters.fromDate, zone) : null,
      to: filters.toDate ? startOfDayInstant(addDays(filters.toDate, 1), zone) : null,
      q: debouncedSearch,
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    }),
    [filters, debouncedSearch, page, zone],
  );
  const query = useActivities(businessUnit.id, request);
  const pages = Math.max(1, Math.ceil((query.data?.total ?? 0) / PAGE_SIZE));

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text c="dimmed" aria-live="polite">
          {query.data ? t("list.count", { count: query.data.total }) : ""}
        </Text>
        <Button onClick={() => setCreating(true)}>{t("new.open")}</Button>
      </Group>
      <ActivityFiltersBar filters={filters} onChange={setFilters} />
      {query.data ? (
        <ActivityTable items={query.data.items} zone={zone} />
      ) : (
        <QueryState error={query.error} onRetry={() => void query.refetch()} />
      )}
      {pages > 1 && (
        <Pagination
          total={pages}
          value={page}
          onChange={setPage}
          getControlProps={(control) => ({
            "aria-label": t(`list.pagination.${control}`),
          })}
          getItemProps={(item) => ({ "aria-label": t("list.pagination.page", { page: item }) })}
        />
      )}
      <NewActivityModal opened={creating} onClose={() => setCreating(false)} />
    </Stack>
  );
}

function ActivityTable({ items, zone }: { items: ActivityListItem[]; zone: string }) {
  const { t } = useTranslation("activities");
  const businessUnit = useCurrentBusinessUnit();
  if (items.length === 0) {
    return <Text>{t("list.empty")}</Text>;
  }
  const base = `/bu/${encodeURIComponent(businessUnit.id)}/activities`;
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped highlightOnHover captionSide="top">
        <Table.Caption>{t("list.caption", { zone })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("fields.reference")}</Table.Th>
            <Table.Th scope="col">{t("fields.type")}</Table.Th>
            <Table.Th scope="col">{t("fields.customer")}</Table.Th>
            <Table.Th scope="col">{t("fields.state")}</Table.Th>
            <Table.Th scope="col">{t("fields.worker")}</Table.Th>
            <Table.Th scope="col">{t("fields.when")}</Table.Th>
            <Table.Th scope="col">{t("address.city")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.id}>
              <Table.Th scope="row">
                <Anchor component={Link} to={`${base}/${encodeURIComponent(item.id)}`}>
                  {item.reference}
                </Anchor>
              </Table.Th>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <span
                    aria-hidden="true"
                    style={{
                      width: 10,
                      height: 10,
                      borderRadius: 3,
                      background: item.activityTypeColour,
                      flexShrink: 0,
                    }}
                  />
                  {item.activityTypeName}
                </Group>
              </Table.Td>
              <Table.Td>{item.customerName ?? t("noCustomer")}</Table.Td>
              <Table.Td>
                <StateBadge state={item.state} size="sm" />
              </Table.Td>
              <Table.Td>{item.assigneeName ?? t("noWorker")}</Table.Td>
              <Table.Td>
                {item.startAt && item.endAt
                  ? formatSchedule(item.startAt, item.endAt, zone)
                  : t("notScheduled")}
              </Table.Td>
              <Table.Td>{item.city ?? ""}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
