import { Select, type SelectProps } from "@mantine/core";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { formatWallTime } from "./format";

/** Minutes between two choices of the list. */
const STEP_MINUTES = 15;
const END_OF_DAY = "24:00";

function wallTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

interface TimeSelectProps extends Omit<SelectProps, "data" | "value" | "onChange"> {
  /** Wall time "HH:mm", "24:00" when `allowEndOfDay` is set, or "" for none. */
  value: string;
  onChange: (value: string) => void;
  /** Adds "24:00", midnight at the end of the day, as the last choice. Use it for end times. */
  allowEndOfDay?: boolean;
}

/**
 * Picks a wall time every 15 minutes, shown with the clock of the current language (24-hour in
 * French and British English). A native time input would follow the browser's language instead,
 * and cannot hold the "24:00" end of day. A saved value off the 15-minute grid stays selectable.
 * Typing filters the list, such as "13:3" for 13:30, and Enter picks the first match.
 */
export function TimeSelect({ value, onChange, allowEndOfDay = false, ...others }: TimeSelectProps) {
  const { i18n } = useTranslation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the labels follow the language.
  const data = useMemo(() => {
    const values: string[] = [];
    for (let minutes = 0; minutes < 24 * 60; minutes += STEP_MINUTES) {
      values.push(wallTime(minutes));
    }
    if (allowEndOfDay) {
      values.push(END_OF_DAY);
    }
    if (value !== "" && !values.includes(value)) {
      values.push(value);
      values.sort();
    }
    return values.map((time) => ({
      value: time,
      // Intl has no "24:00", so the end of day keeps its 24-hour form in every language.
      label: time === END_OF_DAY ? END_OF_DAY : formatWallTime(time),
    }));
  }, [allowEndOfDay, value, i18n.language]);

  return (
    <Select
      data={data}
      value={value === "" ? null : value}
      onChange={(next) => onChange(next ?? "")}
      searchable
      allowDeselect={false}
      selectFirstOptionOnChange
      // Moving the focus to an input with an error must not cover the message with the list.
      openOnFocus={false}
      maxDropdownHeight={240}
      {...others}
    />
  );
}
