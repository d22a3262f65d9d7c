import "@mantine/dates/styles.css";
import "dayjs/locale/en";
import "dayjs/locale/en-gb";
import "dayjs/locale/fr";
import { type CalendarAriaLabels, DatesProvider, type DayOfWeek } from "@mantine/dates";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { formattingLocale } from "../../../shared/format";

/** Returns the dayjs locale whose month and weekday names match the formatting locale. */
function dayjsLocale(locale: string): string {
  const lower = locale.toLowerCase();
  if (lower.startsWith("fr")) {
    return "fr";
  }
  return lower === "en-us" ? "en" : "en-gb";
}

/** Returns the first day of the week of a locale: 0 for Sunday, 1 for Monday. */
function firstDayOfWeek(locale: string): DayOfWeek {
  // `getWeekInfo` is missing from older browsers and from TypeScript's DOM types.
  const info = new Intl.Locale(locale) as Intl.Locale & { getWeekInfo?: () => { firstDay: number } };
  const firstDay = info.getWeekInfo?.().firstDay ?? 1;
  return (firstDay % 7) as DayOfWeek;
}

/** Gives the date pickers of the team screens the month names and week start of the current language. */
export function TeamDatesProvider({ children }: { children: ReactNode }) {
  // Subscribes to language changes, because the locale follows the language.
  useTranslation();
  const locale = formattingLocale();
  return (
    <DatesProvider settings={{ locale: dayjsLocale(locale), firstDayOfWeek: firstDayOfWeek(locale) }}>
      {children}
    </DatesProvider>
  );
}

/** Returns the accessible names of the calendar's buttons, which Mantine leaves empty. */
export function useCalendarAriaLabels(): CalendarAriaLabels {
  const { t } = useTranslation("team");
  return {
    previousMonth: t("calendar.previousMonth"),
    nextMonth: t("calendar.nextMonth"),
    previousYear: t("calendar.previousYear"),
    nextYear: t("calendar.nextYear"),
    previousDecade: t("calendar.previousDecade"),
    nextDecade: t("calendar.nextDecade"),
    monthLevelControl: t("calendar.monthLevelControl"),
    yearLevelControl: t("calendar.yearLevelControl"),
  };
}
