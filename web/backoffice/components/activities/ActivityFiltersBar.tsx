import { Button, Group, MultiSelect, Select, SimpleGrid, TextInput } from "@mantine/core";
import { DateInput } from "@mantine/dates";
import { useTranslation } from "react-i18next";
import type { LocalDate } from "../../../shared/zoned-time";
import { type CustomerOption, isStateFilter, STATE_FILTERS, type StateFilter } from "../../lib/activities";
import { useActivityTypes } from "../../lib/catalog";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import { useWorkers } from "../../lib/team";
import { numericDateFormat, parseTypedDate } from "../team/format";
import { useCalendarAriaLabels } from "../team/TeamDatesProvider";
import { CustomerSelect } from "./CustomerSelect";

/** The list's filters as the screen keeps them: local dates, and the chosen customer with its name. */
export interface ListFilters {
  states: StateFilter[];
  activityTypeId: string | null;
  assigneeId: string | null;
  customer: CustomerOption | null;
  /** First and last local dates, both included, in the unit's zone. */
  fromDate: LocalDate | null;
  toDate: LocalDate | null;
  q: string;
}

export const NO_FILTERS: ListFilters = {
  states: [],
  activityTypeId: null,
  assigneeId: null,
  customer: null,
  fromDate: null,
  toDate: null,
  q: "",
};

interface FiltersBarProps {
  filters: ListFilters;
  onChange: (filters: ListFilters) => void;
}

/** Filters of the activity list: state, type, worker, customer, dates and a search text. */
export function ActivityFiltersBar({ filters, onChange }: FiltersBarProps) {
  const { t } = useTranslation("activities");
  const businessUnit = useCurrentBusinessUnit();
  const types = useActivityTypes(businessUnit.id);
  const workers = useWorkers(businessUnit.id);
  const calendarAriaLabels = useCalendarAriaLabels();
  const set = <K extends keyof ListFilters>(key: K, value: ListFilters[K]) =>
    onChange({ ...filters, [key]: value });

  const dateProps = {
    valueFormat: numericDateFormat(),
    dateParser: parseTypedDate,
    ariaLabels: calendarAriaLabels,
    clearable: true,
    clearButtonProps: { "aria-label": t("list.clearDate") },
    popoverProps: { withinPortal: true },
  } as const;

  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm" role="search" aria-label={t("list.filters")}>
      <TextInput
        label={t("list.search")}
        description={t("list.searchHint")}
        value={filters.q}
        onChange={(event) => set("q", event.currentTarget.value)}
        type="search"
      />
      <MultiSelect
        label={t("list.state")}
        description={t("list.stateHint")}
        data={STATE_FILTERS.map((state) => ({ value: state, label: t(`stateFilters.${state}`) }))}
        value={filters.states}
        onChange={(values) => set("states", values.filter(isStateFilter))}
        clearable
        clearButtonProps={{ "aria-label": t("list.clearStates") }}
      />
      <Select
        label={t("fields.type")}
        description={t("list.anyHint")}
        data={(types.data ?? []).map((type) => ({ value: type.id, label: type.name }))}
        value={filters.activityTypeId}
        onChange={(value) => set("activityTypeId", value)}
        clearable
        searchable
        clearButtonProps={{ "aria-label": t("list.clearType") }}
      />
      <Select
        label={t("fields.worker")}
        description={t("list.anyHint")}
        data={(workers.data ?? []).map((worker) => ({ value: worker.userId, label: worker.name }))}
        value={filters.assigneeId}
        onChange={(value) => set("assigneeId", value)}
        clearable
        searchable
        clearButtonProps={{ "aria-label": t("list.clearWorker") }}
      />
      <CustomerSelect
        label={t("fields.customer")}
        description={t("list.anyHint")}
        value={filters.customer}
        onChange={(customer) => set("customer", customer)}
      />
      <DateInput
        label={t("list.fromDate")}
        description={t("list.dateHint", { zone: businessUnit.timeZone })}
        value={filters.fromDate}
        onChange={(value) => set("fromDate", value)}
        {...dateProps}
      />
      <DateInput
        label={t("list.toDate")}
        description={t("list.dateHint", { zone: businessUnit.timeZone })}
        value={filters.toDate}
        onChange={(value) => set("toDate", value)}
        minDate={filters.fromDate ?? undefined}
        {...dateProps}
      />
      <Group align="flex-end">
        <Button variant="default" onClick={() => onChange(NO_FILTERS)}>
          {t("list.resetFilters")}
        </Button>
      </Group>
    </SimpleGrid>
  );
}
