import { Alert, Stack, Text, Title, useMantineTheme } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import type { AssistantDay, Slot, Suggestions, Unsuitable } from "../../lib/assistant";
import { formatLocalDateRange } from "../team/format";
import classes from "./assistant.module.css";
import { formatDay, formatLongDay, groupByReasons } from "./assistant-text";
import { SlotButton } from "./SlotButton";

/** The server returns at most this many slots per day. */
const SLOTS_PER_DAY = 5;
/** Ranks of the slot columns: 1 to SLOTS_PER_DAY. */
const RANKS = Array.from({ length: SLOTS_PER_DAY }, (_, index) => index + 1);

interface BestSlotsTabProps {
  suggestions: Suggestions;
  zone: string;
  onPick: (slot: Slot) => void;
}

/**
 * Shows the best slots of each day of the range: a table with one row per day on wide screens, and a
 * list of days on phones, where seven columns would not fit.
 */
export function BestSlotsTab({ suggestions, zone, onPick }: BestSlotsTabProps) {
  const { t } = useTranslation("assistant");
  const theme = useMantineTheme();
  const isWide = useMediaQuery(`(min-width: ${theme.breakpoints.sm})`, true, {
    getInitialValueInEffect: false,
  });
  const range = formatLocalDateRange(suggestions.from, suggestions.to);
  const anySlot = suggestions.days.some((day) => day.slots.length > 0);

  return (
    <Stack gap="md">
      {!anySlot && (
        <Alert color="red" role="status">
          {t("best.empty")}
        </Alert>
      )}
      {isWide ? (
        <div className={classes.scroller}>
          <table className={classes.table}>
            <caption>{t("best.caption", { range, zone })}</caption>
            <thead>
              <tr>
                <th scope="col" className={classes.dayColumn}>
                  {t("best.day")}
                </th>
                {RANKS.map((rank) => (
                  <th scope="col" key={rank}>
                    {t("best.choice", { rank })}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {suggestions.days.map((day) => (
                <tr key={day.date}>
                  <th scope="row">
                    <Text span display="block" size="sm" fw={700}>
                      {formatDay(day.date)}
                    </Text>
                    {day.slots.length > 0 && day.unsuitable.length > 0 && (
                      <WorkersWithoutSlot unsuitable={day.unsuitable} zone={zone} />
                    )}
                  </th>
                  {day.slots.length > 0 ? (
                    RANKS.map((rank) => {
                      const slot = day.slots[rank - 1];
                      return (
                        <td key={rank}>{slot && <SlotButton slot={slot} zone={zone} onPick={onPick} />}</td>
                      );
                    })
                  ) : (
                    <td colSpan={SLOTS_PER_DAY}>
                      <NoSlotSummary day={day} zone={zone} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <Stack gap="lg">
          <Text size="xs" c="dimmed">
            {t("best.caption", { range, zone })}
          </Text>
          {suggestions.days.map((day) => (
            <section key={day.date} aria-labelledby={`assistant-day-${day.date}`}>
              <Title order={3} size="h5" id={`assistant-day-${day.date}`} mb={4}>
                {formatLongDay(day.date)}
              </Title>
              {day.slots.length > 0 ? (
                <Stack gap={6}>
                  {day.slots.map((slot) => (
                    <SlotButton
                      key={`${slot.workerId}-${slot.start}`}
                      slot={slot}
                      zone={zone}
                      onPick={onPick}
                    />
                  ))}
                  {day.unsuitable.length > 0 && (
                    <WorkersWithoutSlot unsuitable={day.unsuitable} zone={zone} />
                  )}
                </Stack>
              ) : (
                <NoSlotSummary day={day} zone={zone} />
              )}
            </section>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

/** Shows the red summary of a day without any slot: each reason once, with the workers it applies to. */
function NoSlotSummary({ day, zone }: { day: AssistantDay; zone: string }) {
  const { t } = useTranslation("assistant");
  const groups = groupByReasons(day.unsuitable, zone);
  return (
    <div className={classes.red} data-grade="red">
      <Text size="sm" fw={600} className={classes.redText}>
        {t("best.noSlot")}
      </Text>
      {groups.length > 0 && (
        <ul className={classes.reasonList}>
          {groups.map((group) => (
            <li key={group.text}>
              {t("best.reasonGroup", { reasons: group.text, names: group.workerNames.join(", ") })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Lists in a disclosure the workers who have no slot on a day that has slots from others. */
function WorkersWithoutSlot({ unsuitable, zone }: { unsuitable: Unsuitable[]; zone: string }) {
  const { t } = useTranslation("assistant");
  const groups = groupByReasons(unsuitable, zone);
  return (
    <details className={classes.details}>
      <summary>{t("best.withoutSlot", { count: unsuitable.length })}</summary>
      <ul className={classes.reasonList}>
        {groups.map((group) => (
          <li key={group.text}>
            <Text span size="xs">
              {t("best.reasonGroup", { reasons: group.text, names: group.workerNames.join(", ") })}
            </Text>
          </li>
        ))}
      </ul>
    </details>
  );
}
