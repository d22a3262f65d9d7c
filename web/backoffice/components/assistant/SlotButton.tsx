import { Text, UnstyledButton } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Slot } from "../../lib/assistant";
import { formatTimeRange } from "../activities/format";
import classes from "./assistant.module.css";
import { formatAddedTravel, formatDay, slotButtonLabel } from "./assistant-text";

interface SlotButtonProps {
  slot: Slot;
  zone: string;
  onPick: (slot: Slot) => void;
  /** Shows the day too, for lists that mix days. */
  withDay?: boolean;
}

/**
 * Renders one slot as a button: time, worker, added travel and grade. The grade is written out as well
 * as coloured, and the accessible name reads the whole slot as one sentence.
 */
export function SlotButton({ slot, zone, onPick, withDay = false }: SlotButtonProps) {
  const { t } = useTranslation("assistant");
  const gradeText = slot.grade === "green" ? classes.greenText : classes.orangeText;
  return (
    <UnstyledButton
      className={`${classes.slot} ${slot.grade === "green" ? classes.green : classes.orange}`}
      aria-label={slotButtonLabel(slot, zone)}
      data-grade={slot.grade}
      onClick={() => onPick(slot)}
    >
      <span className={classes.slotTime}>
        {withDay ? `${formatDay(slot.date)}, ` : ""}
        {formatTimeRange(slot.start, slot.end, zone)}
      </span>
      <Text span display="block" size="sm" lineClamp={1}>
        {slot.workerName}
      </Text>
      <Text span display="block" size="xs">
        {formatAddedTravel(slot)}
      </Text>
      <span className={`${classes.gradeLabel} ${gradeText}`}>
        {t(`grades.${slot.grade}`)} · {t("slot.score", { score: slot.score })}
      </span>
    </UnstyledButton>
  );
}
