import { Box, Button, Group, Loader, Stack, Text, Title } from "@mantine/core";
import { DateInput } from "@mantine/dates";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { addDays, isLocalDate, type LocalDate, todayInZone } from "../../../shared/zoned-time";
import { ScheduleDialog, type ScheduleTarget } from "../../components/activities/ScheduleDialog";
import { QueryState } from "../../components/QueryState";
import { ScheduleGrid } from "../../components/schedule/ScheduleGrid";
import { ScheduleLegend } from "../../components/schedule/ScheduleLegend";
import { UnscheduledList } from "../../components/schedule/UnscheduledList";
import {
  formatLocalDate,
  formatLocalDateRange,
  numericDateFormat,
  parseTypedDate,
} from "../../components/team/format";
import { PlannerOnly } from "../../components/team/PlannerOnly";
import { TeamDatesProvider, useCalendarAriaLabels } from "../../components/team/TeamDatesProvider";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import { useLiveUpdates } from "../../lib/live-updates";
import { usePageTitle } from "../../lib/page-title";
import { isScheduleView, mondayOf, type ScheduleView, useTeamSchedule, weekDates } from "../../lib/schedule";

/** The today marker moves once a minute. */
const NOW_REFRESH_MS = 60_000;

/** Returns the current instant in milliseconds, updated once a minute. */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), NOW_REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** Shows the team schedule of the unit to admins and planners: day and week views, and the activities to schedule. */
export function SchedulePage() {
  const { t } = useTranslation("schedule");
  const businessUnit = useCurrentBusinessUnit();
  usePageTitle(`${t("title")} – ${businessUnit.name}`);
  return (
    <Stack gap="md">
      <Title order={1}>{t("title")}</Title>
      <PlannerOnly>
        <TeamDatesProvider>
          <TeamSchedule />
        </TeamDatesProvider>
      </PlannerOnly>
    </Stack>
  );
}

function TeamSchedule() {
  const { t } = useTranslation("schedule");
  const businessUnit = useCurrentBusinessUnit();
  const zone = businessUnit.timeZone;
  const calendarAriaLabels = useCalendarAriaLabels();
  const nowMs = useNow();
  const today = todayInZone(zone, new Date(nowMs));
  const [searchParams, setSearchParams] = useSearchParams();
  const [target, setTarget] = useState<ScheduleTarget | null>(null);
  useLiveUpdates(businessUnit.id);

  const requestedView = searchParams.get("view");
  const view: ScheduleView = isScheduleView(requestedView) ? requestedView : "day";
  const requestedDate = searchParams.get("date");
  const date: LocalDate = requestedDate && isLocalDate(requestedDate) ? requestedDate : today;
  const dates = useMemo(() => (view === "week" ? weekDates(mondayOf(date)) : [date]), [view, date]);
  const from = dates[0] ?? date;
  const to = dates.at(-1) ?? date;
  const query = useTeamSchedule(businessUnit.id, from, to);

  const show = useCallback(
    (nextView: ScheduleView, nextDate: LocalDate) => {
      setSearchParams(
        (current) => {
          const next = new URLSearchParams(current);
          next.set("view", nextView);
          next.set("date", nextView === "week" ? mondayOf(nextDate) : nextDate);
          return next;
        },
        { replace: true },
      );
    },
    [setSearchParams],
  );
  const openDay = useCallback((day: LocalDate) => show("day", day), [show]);
  const step = view === "week" ? 7 : 1;
  const period =
    view === "week"
      ? formatLocalDateRange(from, to)
      : formatLocalDate(date, { weekday: "long", day: "numeric", month: "long", year: "numeric" });

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Group gap="xs" align="flex-end">
          <Button.Group aria-label={t("toolbar.view")}>
            {(["day", "week"] as const).map((candidate) => (
              <Button
                key={candidate}
                variant={view === candidate ? "filled" : "default"}
                aria-pressed={view === candidate}
                onClick={() => show(candidate, date)}
              >
                {t(`toolbar.views.${candidate}`)}
              </Button>
            ))}
          </Button.Group>
          <Button variant="default" onClick={() => show(view, addDays(date, -step))}>
            {t(`toolbar.previous.${view}`)}
          </Button>
          <Button variant="default" onClick={() => show(view, today)}>
            {t("toolbar.today")}
          </Button>
          <Button variant="default" onClick={() => show(view, addDays(date, step))}>
            {t(`toolbar.next.${view}`)}
          </Button>
        </Group>
        <DateInput
          label={t("toolbar.goTo")}
          value={date}
          onChange={(value) => value && show(view, value)}
          valueFormat={numericDateFormat()}
          dateParser={parseTypedDate}
          ariaLabels={calendarAriaLabels}
          popoverProps={{ withinPortal: true }}
          w={150}
        />
      </Group>
      <Group gap="sm" align="center">
        <Title order={2} size="h3" aria-live="polite">
          {period}
        </Title>
        {query.isFetching && <Loader size="xs" aria-label={t("toolbar.updating")} />}
      </Group>
      <ScheduleLegend />
      <Box
        style={{
          display: "flex",
          flexWrap: "wrap",
          gap: "var(--mantine-spacing-md)",
          alignItems: "flex-start",
        }}
      >
        <Box style={{ flex: "1 1 900px", minWidth: 0 }}>
          {query.data ? (
            query.data.workers.length === 0 ? (
              <Text>{t("grid.noWorkers")}</Text>
            ) : (
              <ScheduleGrid
                buId={businessUnit.id}
                schedule={query.data}
                dates={dates}
                view={view}
                today={today}
                nowMs={nowMs}
                onOpenDay={openDay}
                caption={t("grid.caption", { period, zone })}
              />
            )
          ) : (
            <QueryState error={query.error} onRetry={() => void query.refetch()} />
          )}
        </Box>
        <Box style={{ flex: "0 1 320px", minWidth: 240 }}>
          <UnscheduledList
            onChoose={(activity) =>
              setTarget({
                id: activity.id,
                reference: activity.reference,
                activityTypeName: activity.activityTypeName,
                customerName: activity.customerName,
                durationMinutes: activity.durationMinutes,
                assigneeId: null,
                startAt: null,
              })
            }
          />
        </Box>
      </Box>
      <ScheduleDialog target={target} onClose={() => setTarget(null)} defaultDate={date} />
    </Stack>
  );
}
