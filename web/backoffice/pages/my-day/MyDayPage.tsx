import { Alert, Anchor, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { translateApiError } from "../../../shared/i18n";
import { addDays, isLocalDate, type LocalDate, todayInZone } from "../../../shared/zoned-time";
import {
  formatAddress,
  formatTimeRange,
  formatTravel,
  geoUrl,
  mapsUrl,
} from "../../components/activities/format";
import { ReportDialog } from "../../components/activities/ReportDialog";
import { StateBadge } from "../../components/activities/StateBadge";
import { QueryState } from "../../components/QueryState";
import { blockedLabel } from "../../components/schedule/schedule-text";
import { formatLocalDate } from "../../components/team/format";
import { useActivityAction } from "../../lib/activities";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import { useLiveUpdates } from "../../lib/live-updates";
import { usePageTitle } from "../../lib/page-title";
import { type ScheduleVisit, type ScheduleWorker, type TravelLeg, useTeamSchedule } from "../../lib/schedule";
import { useSignedInSession } from "../../lib/session";

/** Shows the signed-in field worker's visits of one day, in order, with the travel between them. */
export function MyDayPage() {
  const { t } = useTranslation("schedule");
  const businessUnit = useCurrentBusinessUnit();
  const session = useSignedInSession();
  const zone = businessUnit.timeZone;
  const today = todayInZone(zone);
  const [searchParams, setSearchParams] = useSearchParams();
  const requested = searchParams.get("date");
  const date: LocalDate = requested && isLocalDate(requested) ? requested : today;
  const query = useTeamSchedule(businessUnit.id, date, date, session.user.id);
  useLiveUpdates(businessUnit.id);
  usePageTitle(`${t("myDay.title")} – ${businessUnit.name}`);

  const go = (next: LocalDate) =>
    setSearchParams(
      (current) => {
        const params = new URLSearchParams(current);
        params.set("date", next);
        return params;
      },
      { replace: true },
    );
  const worker = query.data?.workers.find((candidate) => candidate.userId === session.user.id);

  return (
    <Stack gap="md" maw={640}>
      <Title order={1}>{t("myDay.title")}</Title>
      <Group gap="xs">
        <Button variant="default" size="compact-md" onClick={() => go(addDays(date, -1))}>
          {t("toolbar.previous.day")}
        </Button>
        <Button variant="default" size="compact-md" onClick={() => go(today)} disabled={date === today}>
          {t("toolbar.today")}
        </Button>
        <Button variant="default" size="compact-md" onClick={() => go(addDays(date, 1))}>
          {t("toolbar.next.day")}
        </Button>
      </Group>
      <Title order={2} size="h3" aria-live="polite">
        {formatLocalDate(date, { weekday: "long", day: "numeric", month: "long", year: "numeric" })}
      </Title>
      {!query.data ? (
        <QueryState error={query.error} onRetry={() => void query.refetch()} />
      ) : worker ? (
        <DayPlan worker={worker} zone={zone} />
      ) : (
        <Alert color="yellow" role="status">
          {t("myDay.notFieldWorker", { businessUnit: businessUnit.name })}
        </Alert>
      )}
    </Stack>
  );
}

type PlanItem = { kind: "visit"; visit: ScheduleVisit } | { kind: "travel"; leg: TravelLeg };

/** Returns the visits in time order, each after the travel that leads to it, and the way back last. */
function planItems(worker: ScheduleWorker): PlanItem[] {
  const visits = [...worker.visits].sort((a, b) => a.startAt.localeCompare(b.startAt));
  const items: PlanItem[] = [];
  for (const visit of visits) {
    const leg = worker.travel.find((candidate) => candidate.toActivityId === visit.id);
    if (leg) {
      items.push({ kind: "travel", leg });
    }
    items.push({ kind: "visit", visit });
  }
  const home = worker.travel.find((candidate) => candidate.toActivityId === null);
  if (home) {
    items.push({ kind: "travel", leg: home });
  }
  return items;
}

function DayPlan({ worker, zone }: { worker: ScheduleWorker; zone: string }) {
  const { t } = useTranslation("schedule");
  const [reporting, setReporting] = useState<ScheduleVisit | null>(null);
  const day = worker.days[0];
  const items = planItems(worker);
  const working = (day?.working ?? []).map((interval) => formatTimeRange(interval.start, interval.end, zone));
  const absences = (day?.blocked ?? [])
    .filter((blocked) => blocked.reason !== "outside_hours" && blocked.reason !== "lunch")
    .map((blocked) => `${blockedLabel(blocked, t)} (${formatTimeRange(blocked.start, blocked.end, zone)})`);

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {working.length > 0 ? t("myDay.workingTime", { ranges: working.join(", ") }) : t("myDay.notWorking")}
        {absences.length > 0 ? ` · ${absences.join(", ")}` : ""}
      </Text>
      {worker.visits.length === 0 ? (
        <Text>{t("myDay.noVisits")}</Text>
      ) : (
        <ol className="plain-list" aria-label={t("myDay.listLabel")}>
          {items.map((item) =>
            item.kind === "visit" ? (
              <li key={item.visit.id}>
                <VisitCard visit={item.visit} zone={zone} onReport={() => setReporting(item.visit)} />
              </li>
            ) : (
              <li key={`travel-${item.leg.fromActivityId ?? "base"}-${item.leg.toActivityId ?? "base"}`}>
                <TravelLine leg={item.leg} />
              </li>
            ),
          )}
        </ol>
      )}
      <ReportDialog activity={reporting} onClose={() => setReporting(null)} />
    </Stack>
  );
}

function TravelLine({ leg }: { leg: TravelLeg }) {
  const { t } = useTranslation("schedule");
  let key: "fromBase" | "toBase" | "between" = "between";
  if (leg.fromActivityId === null) {
    key = "fromBase";
  } else if (leg.toActivityId === null) {
    key = "toBase";
  }
  return (
    <Text
      size="sm"
      c="dimmed"
      py={6}
      pl="md"
      style={{ borderLeft: "3px dashed var(--mantine-color-yellow-6)" }}
    >
      {t(`myDay.travel.${key}`, { summary: formatTravel(leg.minutes, leg.km) })}
    </Text>
  );
}

function VisitCard({ visit, zone, onReport }: { visit: ScheduleVisit; zone: string; onReport: () => void }) {
  const { t } = useTranslation(["schedule", "activities"]);
  const businessUnit = useCurrentBusinessUnit();
  const start = useActivityAction(businessUnit.id, "start");
  const [error, setError] = useState<string | null>(null);
  // Told inside the card instead of a notification, which would cover the buttons on a phone.
  const [started, setStarted] = useState(false);
  const time = formatTimeRange(visit.startAt, visit.endAt, zone);
  const headingId = `visit-${visit.id}`;

  if (!visit.inThisUnit) {
    return (
      <Paper withBorder p="sm" my={4} bg="gray.0">
        <Text fw={600}>{t("otherUnitVisit", { time })}</Text>
      </Paper>
    );
  }

  const address = formatAddress(visit);
  const maps = mapsUrl(visit);
  const geo = geoUrl(visit);
  const canStart = visit.state === "scheduled" || visit.state === "to_close";
  const canReport = canStart || visit.state === "in_progress";

  return (
    <Paper
      withBorder
      p="sm"
      my={4}
      component="article"
      aria-labelledby={headingId}
      style={{ borderLeft: `5px solid ${visit.colour}` }}
    >
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
          <Title order={3} size="h4" id={headingId}>
            {time} {visit.activityTypeName}
          </Title>
          <StateBadge state={visit.state} size="sm" />
        </Group>
        <Text fw={500}>{visit.customerName ?? t("activities:noCustomer")}</Text>
        <Text size="sm">{address || t("activities:noAddress")}</Text>
        <Group gap="md">
          {maps && (
            <Anchor href={maps} target="_blank" rel="noopener noreferrer" size="sm">
              {t("activities:openInMaps")}
            </Anchor>
          )}
          {geo && (
            <Anchor href={geo} size="sm">
              {t("activities:openInMapsApp")}
            </Anchor>
          )}
          <Anchor
            component={Link}
            to={`/bu/${encodeURIComponent(businessUnit.id)}/activities/${encodeURIComponent(visit.id)}`}
            size="sm"
          >
            {t("myDay.details", { reference: visit.reference })}
          </Anchor>
        </Group>
        {visit.confirmedByCustomer && (
          <Text size="xs" c="dimmed">
            {t("confirmedByCustomer")}
          </Text>
        )}
        <Text size="sm" c="green.8" role="status">
          {started ? t("activities:actions.done.started", { reference: visit.reference }) : ""}
        </Text>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        {(canStart || canReport) && (
          <Group gap="sm" grow>
            {canStart && (
              <Button
                loading={start.isPending}
                onClick={() => {
                  setError(null);
                  start.mutate(visit.id, {
                    onSuccess: () => setStarted(true),
                    onError: (failure) => setError(translateApiError(failure)),
                  });
                }}
              >
                {t("myDay.start")}
              </Button>
            )}
            {canReport && (
              <Button variant={canStart ? "light" : "filled"} onClick={onReport}>
                {t("myDay.report")}
              </Button>
            )}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
