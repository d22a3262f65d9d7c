import type { ActivitySummary } from "./types";

/**
 * Dates and times of a visit, always in the visit's own IANA zone, because the customer meets
 * the worker at the visit's address. When the device shows another wall time for the same
 * instant, the times carry the zone's city, such as "(Paris time)".
 */
export interface VisitTime {
  /** Long date in the UI language, such as "Monday 8 June 2026". */
  date: string;
  /** `arrivalWindow` when the customer was given a window, else the planned time of the visit. */
  kind: "arrivalWindow" | "time";
  /** Time or range, such as "09:00–11:00". */
  time: string;
  /** City of the visit's zone when the device's zone shows another wall time, else null. */
  zoneCity: string | null;
}

export function deviceTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * Returns the city part of an IANA zone id, as English exemplar names spell it:
 * "Europe/Paris" → "Paris", "America/New_York" → "New York", "UTC" → "UTC".
 *
 * NOTE: Intl exposes no localized city names, so French shows "heure de London" for
 * Europe/London. Visits in zones whose city name differs between the languages are rare.
 */
export function zoneCity(zone: string): string {
  const city = zone.split("/").at(-1) ?? zone;
  return city.replaceAll("_", " ");
}

function wallTime(instant: Date, zone: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone: zone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).format(instant);
}

/** Tells whether the visit's zone and the device's zone show different wall times at `instant`. */
export function zonesDiffer(instant: Date, visitZone: string, deviceZone: string): boolean {
  if (visitZone === deviceZone) {
    return false;
  }
  try {
    return wallTime(instant, visitZone) !== wallTime(instant, deviceZone);
  } catch {
    // An unknown zone id: name it rather than hide a possible difference.
    return true;
  }
}

/**
 * Describes when a visit takes place, or returns null for a visit without a date yet.
 * `locale` is a BCP 47 locale such as "en-GB" or "fr-FR".
 */
export function describeVisitTime(
  activity: Pick<ActivitySummary, "start" | "end" | "arrivalWindow" | "timeZone">,
  locale: string,
  deviceZone: string = deviceTimeZone(),
): VisitTime | null {
  const arrivalWindow = activity.arrivalWindow;
  const startIso = arrivalWindow?.start ?? activity.start;
  if (startIso === null) {
    return null;
  }
  const endIso = arrivalWindow ? arrivalWindow.end : activity.end;
  const start = new Date(startIso);
  const zone = activity.timeZone;

  const date = new Intl.DateTimeFormat(locale, { dateStyle: "full", timeZone: zone }).format(start);
  const timeFormat = new Intl.DateTimeFormat(locale, { timeStyle: "short", timeZone: zone });
  const time = endIso === null ? timeFormat.format(start) : timeFormat.formatRange(start, new Date(endIso));

  return {
    date,
    kind: arrivalWindow ? "arrivalWindow" : "time",
    time,
    zoneCity: zonesDiffer(start, zone, deviceZone) ? zoneCity(zone) : null,
  };
}
