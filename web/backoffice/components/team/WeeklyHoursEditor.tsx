import { Button, Checkbox, CloseButton, Group, Input, Paper, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import { ISO_WEEKDAYS, type IsoWeekday } from "../../lib/team";
import { formatWallTimeRange, weekdayName } from "./format";
import { TimeSelect } from "./TimeSelect";
import {
  type DayDraft,
  type HoursErrors,
  MAX_RANGES_PER_DAY,
  nextRange,
  type RangeDraft,
  rangesForNewDay,
  type WeeklyHoursDraft,
} from "./weekly-hours";

/** Wide enough for "12:45 PM" and the list's arrow. */
const TIME_WIDTH = 124;

interface WeeklyHoursEditorProps {
  value: WeeklyHoursDraft;
  onChange: (next: WeeklyHoursDraft) => void;
  /** Errors keyed by path inside the weekly hours, such as `days.1.0.end`. */
  errors: HoursErrors;
  /** Prefix of the input ids, unique on the page. */
  idPrefix: string;
}

/**
 * Edits weekly hours: one group per weekday, Monday first, with a "Works this day" checkbox and
 * up to two time ranges, then one lunch break for all working days.
 */
export function WeeklyHoursEditor({ value, onChange, errors, idPrefix }: WeeklyHoursEditorProps) {
  const { t } = useTranslation("team");
  const businessUnit = useCurrentBusinessUnit();

  const updateDay = (weekday: IsoWeekday, day: DayDraft) =>
    onChange({ ...value, days: { ...value.days, [weekday]: day } });

  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {t("hours.zoneHint", { zone: businessUnit.timeZone })}
      </Text>
      {ISO_WEEKDAYS.map((weekday) => (
        <DayRow
          key={weekday}
          weekday={weekday}
          draft={value}
          errors={errors}
          idPrefix={idPrefix}
          onChange={(day) => updateDay(weekday, day)}
        />
      ))}
      <LunchFields value={value} onChange={onChange} errors={errors} idPrefix={idPrefix} />
    </Stack>
  );
}

interface DayRowProps {
  weekday: IsoWeekday;
  draft: WeeklyHoursDraft;
  errors: HoursErrors;
  idPrefix: string;
  onChange: (day: DayDraft) => void;
}

function DayRow({ weekday, draft, errors, idPrefix, onChange }: DayRowProps) {
  const { t } = useTranslation("team");
  const day = draft.days[weekday];
  const headingId = `${idPrefix}-days-${weekday}-heading`;
  const ownLunch = draft.lunchByDay && weekday in draft.lunchByDay ? draft.lunchByDay[weekday] : undefined;
  const dayErrors = [errors[`days.${weekday}`], errors[`lunchByDay.${weekday}`]].filter(Boolean);

  const setWorks = (works: boolean) => {
    const ranges = works && day.ranges.length === 0 ? rangesForNewDay(draft, weekday) : day.ranges;
    onChange({ works, ranges });
  };
  const setRange = (index: number, range: RangeDraft) =>
    onChange({ ...day, ranges: day.ranges.map((current, i) => (i === index ? range : current)) });
  const removeRange = (index: number) =>
    onChange({ ...day, ranges: day.ranges.filter((_, i) => i !== index) });
  const addRange = () => onChange({ ...day, ranges: [...day.ranges, nextRange(day.ranges)] });

  return (
    <Paper withBorder p="sm" role="group" aria-labelledby={headingId}>
      <Group gap="sm" align="flex-start" wrap="wrap">
        <Text id={headingId} fw={600} w={{ base: "100%", xs: 100 }} pt={{ xs: 6 }}>
          {weekdayName(weekday)}
        </Text>
        <Checkbox
          id={`${idPrefix}-days-${weekday}-works`}
          label={t("hours.worksThisDay")}
          checked={day.works}
          onChange={(event) => setWorks(event.currentTarget.checked)}
          pt={8}
          w={{ base: "100%", xs: 150 }}
        />
        {day.works && (
          <Stack gap={6}>
            {day.ranges.map((range, index) => (
              <RangeInputs
                // Ranges have no id and are only added or removed at one index, so the index is stable enough.
                // biome-ignore lint/suspicious/noArrayIndexKey: see the comment above.
                key={index}
                range={range}
                index={index}
                path={`days.${weekday}.${index}`}
                errors={errors}
                idPrefix={idPrefix}
                onChange={(next) => setRange(index, next)}
                onRemove={day.ranges.length > 1 ? () => removeRange(index) : undefined}
              />
            ))}
            {day.ranges.length < MAX_RANGES_PER_DAY && (
              <Group>
                <Button variant="subtle" size="compact-sm" onClick={addRange}>
                  {t("hours.addRange")}
                </Button>
              </Group>
            )}
          </Stack>
        )}
      </Group>
      {day.works && ownLunch !== undefined && (
        <Text size="sm" c="dimmed" mt={6}>
          {ownLunch === null
            ? t("hours.noLunchThisDay")
            : t("hours.ownLunchThisDay", { range: formatWallTimeRange(ownLunch) })}
        </Text>
      )}
      {dayErrors.map((message) => (
        <Input.Error key={message} mt={6}>
          {message}
        </Input.Error>
      ))}
    </Paper>
  );
}

interface RangeInputsProps {
  range: RangeDraft;
  index: number;
  /** Path of the range in the weekly hours, such as `days.1.0`. */
  path: string;
  errors: HoursErrors;
  idPrefix: string;
  onChange: (range: RangeDraft) => void;
  /** Removes the range. Missing for the only range of a day. */
  onRemove?: () => void;
}

function RangeInputs({ range, index, path, errors, idPrefix, onChange, onRemove }: RangeInputsProps) {
  const { t } = useTranslation("team");
  const number = index + 1;
  const id = `${idPrefix}-${path.replaceAll(".", "-")}`;
  const rangeError = errors[path];
  return (
    <Stack gap={2}>
      <Group gap={6} wrap="nowrap" align="flex-start">
        <TimeSelect
          id={`${id}-start`}
          aria-label={t("hours.rangeStart", { number })}
          value={range.start}
          onChange={(start) => onChange({ ...range, start })}
          error={errors[`${path}.start`]}
          w={TIME_WIDTH}
        />
        <Text pt={6} aria-hidden="true">
          –
        </Text>
        <TimeSelect
          id={`${id}-end`}
          aria-label={t("hours.rangeEnd", { number })}
          value={range.end}
          onChange={(end) => onChange({ ...range, end })}
          error={errors[`${path}.end`]}
          allowEndOfDay
          w={TIME_WIDTH}
        />
        {onRemove && (
          <CloseButton mt={4} aria-label={t("hours.removeRange", { number })} onClick={onRemove} />
        )}
      </Group>
      {rangeError && <Input.Error>{rangeError}</Input.Error>}
    </Stack>
  );
}

interface LunchFieldsProps {
  value: WeeklyHoursDraft;
  onChange: (next: WeeklyHoursDraft) => void;
  errors: HoursErrors;
  idPrefix: string;
}

function LunchFields({ value, onChange, errors, idPrefix }: LunchFieldsProps) {
  const { t } = useTranslation("team");
  const headingId = `${idPrefix}-lunch-heading`;
  return (
    <Paper withBorder p="sm" role="group" aria-labelledby={headingId}>
      <Group gap="sm" align="flex-start" wrap="wrap">
        <Text id={headingId} fw={600} w={{ base: "100%", xs: 100 }} pt={{ xs: 6 }}>
          {t("hours.lunch")}
        </Text>
        <Stack gap="xs">
          <Checkbox
            id={`${idPrefix}-lunch-enabled`}
            label={t("hours.lunchEnabled")}
            checked={value.lunchEnabled}
            onChange={(event) => onChange({ ...value, lunchEnabled: event.currentTarget.checked })}
            pt={8}
          />
          {value.lunchEnabled && (
            <Group gap="sm" align="flex-start">
              <TimeSelect
                id={`${idPrefix}-lunch-start`}
                label={t("hours.lunchStart")}
                value={value.lunch.start}
                onChange={(start) => onChange({ ...value, lunch: { ...value.lunch, start } })}
                error={errors["lunch.start"]}
                w={TIME_WIDTH}
              />
              <TimeSelect
                id={`${idPrefix}-lunch-end`}
                label={t("hours.lunchEnd")}
                value={value.lunch.end}
                onChange={(end) => onChange({ ...value, lunch: { ...value.lunch, end } })}
                error={errors["lunch.end"]}
                w={TIME_WIDTH}
              />
            </Group>
          )}
          {errors.lunch && <Input.Error>{errors.lunch}</Input.Error>}
        </Stack>
      </Group>
    </Paper>
  );
}
