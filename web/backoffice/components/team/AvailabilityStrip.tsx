import { Badge, Box, Button, Group, Loader, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { DateInput } from "@mantine/dates";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { formatTime, formattingLocale } from "../../../shared/format";
import {
  addDays,
  isLocalDate,
  type LocalDate,
  todayInZone,
  zoneDisplayName,
} from "../../../shared/zoned-time";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import {
  type BlockedInterval,
  type BlockedReason,
  type DayAvailability,
  type Interval,
  useAvailability,
  type WorkerDetail,
} from "../../lib/team";
import { QueryState } from "../QueryState";
import { formatLocalDate, formatLocalDateRange, numericDateFormat, parseTypedDate } from "./format";
import { useCalendarAriaLabels } from "./TeamDatesProvider";

/** Number of days the strip shows: two weeks. */
const STRIP_DAYS = 14;
const FROM_PARAM = "from";

type SegmentKind = "working" | Exclude<BlockedReason, "outside_hours">;

const SEGMENT_COLORS: Record<SegmentKind | "outside_hours", string> = {
  working: "var(--mantine-color-teal-5)",
  lunch: "var(--mantine-color-yellow-4)",
  unavailable: "var(--mantine-color-red-5)",
  public_holiday: "var(--mantine-color-grape-4)",
  day_off: "var(--mantine-color-gray-5)",
  outside_hours: "var(--mantine-color-gray-2)",
};

interface Segment extends Interval {
  kind: SegmentKind;
  /** Text of the segment without its times. */
  description: string;
  /** True when the segment covers the whole day, so its times are left out. */
  wholeDay: boolean;
}

function describeBlocked(blocked: BlockedInterval, t: TFunction<"team">): string {
  switch (blocked.reason) {
    case "lunch":
      return t("availability.lunch");
    case "public_holiday":
      return blocked.label
        ? t("availability.publicHolidayNamed", { name: blocked.label })
        : t("availability.publicHoliday");
    case "day_off":
      return blocked.label
        ? t("availability.dayOffLabelled", { label: blocked.label })
        : t("availability.dayOff");
    case "unavailable":
      return t(`availability.unavailable.${blocked.unavailabilityReason ?? "other"}`);
    case "outside_hours":
      return t("availability.notWorking");
  }
}

/** Returns the parts of a day to list, in time order: working time and every block except "outside hours". */
function daySegments(day: DayAvailability, t: TFunction<"team">): Segment[] {
  const segments: Segment[] = [
    ...day.working.map((interval) => ({
      ...interval,
      kind: "working" as const,
      description: t("availability.working"),
      wholeDay: false,
    })),
    ...day.blocked
      .filter((blocked) => blocked.reason !== "outside_hours")
      .map((blocked) => ({
        start: blocked.start,
        end: blocked.end,
        kind: blocked.reason as SegmentKind,
        description: describeBlocked(blocked, t),
        wholeDay: blocked.reason === "public_holiday" || blocked.reason === "day_off",
      })),
  ];
  return segments.sort((a, b) => a.start.localeCompare(b.start));
}

/**
 * Shows two weeks of a worker's availability from `GET /workers/:userId/availability`, with the
 * working time and the blocked parts of each day in the business unit's zone. The first day is
 * kept in the URL (`?from=2026-06-08`). Without it the strip starts today in the unit's zone.
 */
export function AvailabilityStrip({ worker }: { worker: WorkerDetail }) {
  const { t } = useTranslation("team");
  const businessUnit = useCurrentBusinessUnit();
  const zone = businessUnit.timeZone;
  const [searchParams, setSearchParams] = useSearchParams();
  const today = todayInZone(zone);
  const requestedFrom = searchParams.get(FROM_PARAM);
  const from = requestedFrom && isLocalDate(requestedFrom) ? requestedFrom : today;
  const to = addDays(from, STRIP_DAYS - 1);
  const query = useAvailability(businessUnit.id, worker.userId, from, to);
  const calendarAriaLabels = useCalendarAriaLabels();

  const showFrom = (date: LocalDate) =>
    setSearchParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.set(FROM_PARAM, date);
        return next;
      },
      { replace: true },
    );

  const rangeLabel = formatLocalDateRange(from, to);

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t("availability.zoneNote", { zone, zoneName: zoneDisplayName(zone, formattingLocale()) })}
      </Text>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Button variant="default" onClick={() => showFrom(addDays(from, -STRIP_DAYS))}>
          {t("availability.previous")}
        </Button>
        <Button variant="default" onClick={() => showFrom(today)} disabled={from === today}>
          {t("availability.today")}
        </Button>
        <Button variant="default" onClick={() => showFrom(addDays(from, STRIP_DAYS))}>
          {t("availability.next")}
        </Button>
        <DateInput
          label={t("availability.firstDay")}
          valueFormat={numericDateFormat()}
          dateParser={parseTypedDate}
          ariaLabels={calendarAriaLabels}
          value={from}
          onChange={(value) => {
            if (value && isLocalDate(value)) {
              showFrom(value);
            }
          }}
          w={170}
        />
      </Group>

      <Group gap="sm">
        <Title order={2} size="h4" aria-live="polite">
          {t("availability.heading", { dates: rangeLabel })}
        </Title>
        {query.isPlaceholderData && <Loader size="xs" aria-label={t("availability.loading")} role="status" />}
      </Group>

      {query.data ? (
        <>
          <SimpleGrid
            component="ol"
            className="plain-list"
            cols={{ base: 1, xs: 2, md: 4, lg: 7 }}
            spacing="xs"
            aria-label={t("availability.listLabel", { name: worker.name, dates: rangeLabel })}
            aria-busy={query.isPlaceholderData}
          >
            {query.data.map((day) => (
              <DayCard key={day.date} day={day} isToday={day.date === today} zone={zone} />
            ))}
          </SimpleGrid>
          <Legend />
        </>
      ) : (
        <QueryState error={query.error} onRetry={() => void query.refetch()} />
      )}
    </Stack>
  );
}

function DayCard({ day, isToday, zone }: { day: DayAvailability; isToday: boolean; zone: string }) {
  const { t } = useTranslation("team");
  const headingId = `availability-${day.date}`;
  const segments = daySegments(day, t);
  return (
    <Paper
      component="li"
      withBorder
      p="xs"
      aria-labelledby={headingId}
      style={isToday ? { borderColor: "var(--mantine-primary-color-filled)" } : undefined}
    >
      <Stack gap={6}>
        <Text id={headingId} fw={600} size="sm">
          {formatLocalDate(day.date, { weekday: "short", day: "numeric", month: "short" })}
        </Text>
        {isToday && (
          <Badge size="xs" variant="light" tt="none" w="fit-content">
            {t("availability.todayBadge")}
          </Badge>
        )}
        <DayBar day={day} />
        <Stack gap={2} component="ul" className="plain-list">
          {segments.length === 0 ? (
            <Text component="li" size="sm" c="dimmed">
              {t("availability.notWorking")}
            </Text>
          ) : (
            segments.map((segment) => (
              <Text component="li" size="sm" key={`${segment.kind}-${segment.start}`}>
                {!segment.wholeDay && (
                  <>
                    <Text span size="sm" fw={500} style={{ whiteSpace: "nowrap" }}>
                      {t("availability.timeRange", {
                        start: formatTime(segment.start, zone),
                        end: formatTime(segment.end, zone),
                      })}
                    </Text>{" "}
                  </>
                )}
                <Text span size="sm" display="inline-block">
                  {segment.description}
                </Text>
              </Text>
            ))
          )}
        </Stack>
      </Stack>
    </Paper>
  );
}

/** Draws the day from midnight to midnight as coloured parts. The list under it gives the same parts in text. */
function DayBar({ day }: { day: DayAvailability }) {
  const parts: (Interval & { kind: SegmentKind | "outside_hours" })[] = [
    ...day.working.map((interval) => ({ ...interval, kind: "working" as const })),
    ...day.blocked.map((blocked) => ({ start: blocked.start, end: blocked.end, kind: blocked.reason })),
  ];
  if (parts.length === 0) {
    return null;
  }
  const dayStart = Math.min(...parts.map((part) => Date.parse(part.start)));
  const dayEnd = Math.max(...parts.map((part) => Date.parse(part.end)));
  const length = dayEnd - dayStart;
  return (
    <Box
      aria-hidden="true"
      pos="relative"
      h={10}
      style={{ borderRadius: 4, overflow: "hidden", background: SEGMENT_COLORS.outside_hours }}
    >
      {parts.map((part) => (
        <Box
          key={`${part.kind}-${part.start}`}
          pos="absolute"
          top={0}
          bottom={0}
          style={{
            left: `${((Date.parse(part.start) - dayStart) / length) * 100}%`,
            width: `${((Date.parse(part.end) - Date.parse(part.start)) / length) * 100}%`,
            background: SEGMENT_COLORS[part.kind],
          }}
        />
      ))}
    </Box>
  );
}

function Legend() {
  const { t } = useTranslation("team");
  const entries: { kind: keyof typeof SEGMENT_COLORS; label: string }[] = [
    { kind: "working", label: t("availability.working") },
    { kind: "lunch", label: t("availability.lunch") },
    { kind: "unavailable", label: t("availability.legendUnavailable") },
    { kind: "public_holiday", label: t("availability.publicHoliday") },
    { kind: "day_off", label: t("availability.dayOff") },
    { kind: "outside_hours", label: t("availability.notWorking") },
  ];
  // Hidden from screen readers, because each day lists its parts in text.
  return (
    <Group gap="md" aria-hidden="true">
      {entries.map((entry) => (
        <Group key={entry.kind} gap={6} wrap="nowrap">
          <Box w={14} h={10} style={{ borderRadius: 3, background: SEGMENT_COLORS[entry.kind] }} />
          <Text size="xs">{entry.label}</Text>
        </Group>
      ))}
    </Group>
  );
}
