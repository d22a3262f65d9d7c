import { formattingLocale } from "../../../shared/format";

/** Formats a duration in minutes with the locale's unit, such as "90 min". */
export function formatMinutes(minutes: number): string {
  return new Intl.NumberFormat(formattingLocale(), {
    style: "unit",
    unit: "minute",
    unitDisplay: "short",
  }).format(minutes);
}
