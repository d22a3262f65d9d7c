import { currentLanguage, type Language } from "./i18n";

/** Regional formats used when the browser prefers no region for the UI language. */
const DEFAULT_REGIONAL_LOCALE: Record<Language, string> = {
  en: "en-GB",
  fr: "fr-FR",
};

/**
 * Returns the locale for dates, times and numbers: the browser's first preferred locale in the
 * UI language (so an en-US browser keeps its 12-hour clock), else British English or French
 * formats, which both use a 24-hour clock.
 */
export function formattingLocale(language: Language = currentLanguage()): string {
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language];
  const regional = preferred.find((tag) => tag?.toLowerCase().startsWith(`${language}-`));
  return regional ?? DEFAULT_REGIONAL_LOCALE[language];
}

/**
 * Formats an ISO 8601 instant as a date and time. Pass the business unit's IANA time zone so
 * staff see its wall time. Without a zone, the browser's zone is used.
 */
export function formatDateTime(instant: string | Date, timeZone?: string): string {
  const date = typeof instant === "string" ? new Date(instant) : instant;
  return new Intl.DateTimeFormat(formattingLocale(), {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone,
  }).format(date);
}

export function formatDate(instant: string | Date, timeZone?: string): string {
  const date = typeof instant === "string" ? new Date(instant) : instant;
  return new Intl.DateTimeFormat(formattingLocale(), { dateStyle: "medium", timeZone }).format(date);
}

export function formatTime(instant: string | Date, timeZone?: string): string {
  const date = typeof instant === "string" ? new Date(instant) : instant;
  return new Intl.DateTimeFormat(formattingLocale(), { timeStyle: "short", timeZone }).format(date);
}

/** Returns the decimal separator of the formatting locale, for number inputs. */
export function decimalSeparator(): string {
  const parts = new Intl.NumberFormat(formattingLocale()).formatToParts(1.5);
  return parts.find((part) => part.type === "decimal")?.value ?? ".";
}
