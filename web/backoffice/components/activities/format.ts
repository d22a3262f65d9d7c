import i18next from "i18next";
import { DateTime } from "luxon";
import { formatDate, formatTime, formattingLocale } from "../../../shared/format";
import type { ActivityAddress } from "../../lib/activities";

/**
 * Formatting shared by the activity screens, the team schedule and the field worker's day. Every
 * instant is shown in the business unit's zone, whatever the browser's zone is.
 */

const timeFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * Returns a cached short-time formatter for the formatting locale and `zone`. Building an
 * `Intl.DateTimeFormat` costs far more than formatting with one, and the team schedule formats
 * thousands of times per render.
 */
function timeFormatter(zone: string): Intl.DateTimeFormat {
  const locale = formattingLocale();
  const key = `${locale}|${zone}`;
  let formatter = timeFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { timeStyle: "short", timeZone: zone });
    timeFormatters.set(key, formatter);
  }
  return formatter;
}

/** Formats a time range such as "09:00–10:00" in `zone`. */
export function formatTimeRange(startAt: string, endAt: string, zone: string): string {
  const formatter = timeFormatter(zone);
  return `${formatter.format(new Date(startAt))}–${formatter.format(new Date(endAt))}`;
}

/**
 * Formats a scheduled visit such as "Mon, 7 Dec 2026, 09:00–10:00". A visit that ends on another
 * day shows both dates.
 */
export function formatSchedule(startAt: string, endAt: string, zone: string): string {
  const start = DateTime.fromISO(startAt).setZone(zone);
  const end = DateTime.fromISO(endAt).setZone(zone);
  const day = new Intl.DateTimeFormat(formattingLocale(), {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: zone,
  });
  if (start.toISODate() === end.minus({ milliseconds: 1 }).toISODate()) {
    return `${day.format(new Date(startAt))}, ${formatTimeRange(startAt, endAt, zone)}`;
  }
  return `${day.format(new Date(startAt))}, ${formatTime(startAt, zone)} – ${formatDate(endAt, zone)}, ${formatTime(endAt, zone)}`;
}

/** Formats a distance in kilometres with one decimal, such as "6.2" or "6,2". */
function formatKilometres(km: number): string {
  return new Intl.NumberFormat(formattingLocale(), {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(km);
}

/** Formats a travel leg as "15 min · 6.2 km". */
export function formatTravel(minutes: number, km: number): string {
  return i18next.t("schedule:travel.summary", { minutes, km: formatKilometres(km) });
}

/** Returns the lines of an address that has any, joined with ", ", or "" when it has none. */
export function formatAddress(address: Partial<ActivityAddress>): string {
  const town = [address.postcode, address.city].filter(Boolean).join(" ");
  return [address.addressLine1, address.addressLine2, town].filter(Boolean).join(", ");
}

/**
 * Returns a maps link for an address: by coordinates when it has them, else by its text. Returns
 * null when there is neither.
 */
export function mapsUrl(address: Partial<ActivityAddress>): string | null {
  if (address.latitude != null && address.longitude != null) {
    return `https://www.google.com/maps/search/?api=1&query=${address.latitude},${address.longitude}`;
  }
  const text = formatAddress(address);
  return text === "" ? null : `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(text)}`;
}

/** Returns a `geo:` link, which phones open in the maps app of the user's choice, or null without coordinates. */
export function geoUrl(address: Partial<ActivityAddress>): string | null {
  if (address.latitude == null || address.longitude == null) {
    return null;
  }
  return `geo:${address.latitude},${address.longitude}`;
}
