import { DateTime, IANAZone, Info } from "luxon";
import type { Language } from "../business-units/localisation.js";
import { type Instant, toEpochMillis } from "./instant.js";
import { zoneDisplayName } from "./zone-names.js";

/**
 * Dates and times of visits in messages. A visit is shown in its own local time (the business
 * unit's zone) with the zone named. When the customer has an own zone whose UTC offset differs at
 * that instant, the customer's local time follows in brackets, with the date when it differs too.
 *
 * House style, independent of the ICU version and of the server's zone:
 * - fr: `mercredi 10 juin 2026` (`1er` for the first day of a month) and `14:30`.
 * - en-GB, the English default: `Wednesday 10 June 2026` and `14:30`.
 * - en-US: `Wednesday, June 10, 2026` and `2:30 PM`, with an ASCII space before AM/PM because ICU's
 *   U+202F would turn an SMS into UCS-2.
 */

/** English formatting locale. French has one style only. */
export type EnglishLocale = "en-GB" | "en-US";

export const ENGLISH_LOCALES: readonly EnglishLocale[] = ["en-GB", "en-US"];

type FormatLocale = "fr" | EnglishLocale;

export interface VisitTimeInput {
  start: Instant;
  /** End of the visit. When set, times read as a range ("de 09:00 à 11:00"). */
  end?: Instant | undefined;
  /** IANA zone of the business unit, in which the visit is shown. */
  visitZone: string;
  /** The customer's own IANA zone, when the customer record has one. */
  recipientZone?: string | null | undefined;
  language: Language;
  /** English formatting locale, en-GB by default. Ignored for French. */
  locale?: EnglishLocale | undefined;
}

/** The visit's time as the recipient's own zone shows it. */
export interface RecipientTime {
  zone: string;
  date: string;
  time: string;
  endTime?: string;
  zoneName: string;
}

export interface VisitTime {
  /** Date in the visit zone, e.g. `mercredi 10 juin 2026`. */
  date: string;
  /** Start time in the visit zone, e.g. `09:00` or `9:00 AM`. */
  time: string;
  /** End time in the visit zone, when an end was given. */
  endTime?: string;
  /** Name of the visit zone, e.g. `heure de Paris`. */
  zoneName: string;
  /**
   * Time or time range with the zones named and without the visit date, as `{activity.time}` shows it:
   * `09:00 (heure de Paris)`, `09:00 Paris time (08:00 UK time)`.
   */
  timeWithZone: string;
  /** Date, time and zones in one phrase: `mercredi 10 juin 2026 à 09:00 (heure de Paris)`. */
  text: string;
  /** Present only when the recipient's zone has a different offset from the visit zone's. */
  recipient?: RecipientTime;
}

/** A local wall time, formatted. */
interface Moment {
  isoDate: string;
  date: string;
  time: string;
}

interface Span {
  start: Moment;
  end?: Moment | undefined;
}

type PhraseKind = "at" | "range" | "window";

interface ResolvedTimes {
  locale: FormatLocale;
  language: Language;
  visit: Span;
  visitZoneName: string;
  recipient?: { zone: string; span: Span; zoneName: string; dateDiffers: boolean } | undefined;
}

/**
 * Formats a visit's date and time for an email or SMS. Throws a RangeError for an unknown zone,
 * an instant without "Z" or an offset, an end not after the start, or an unknown English locale.
 */
export function describeVisitTime(input: VisitTimeInput): VisitTime {
  const resolved = resolveTimes(input, "visit");
  const kind: PhraseKind = resolved.visit.end ? "range" : "at";
  const { visit, recipient } = resolved;

  const result: VisitTime = {
    date: visit.start.date,
    time: visit.start.time,
    zoneName: resolved.visitZoneName,
    timeWithZone: annotatedPhrase(resolved, kind, false),
    text: annotatedPhrase(resolved, kind, true),
  };
  if (visit.end) result.endTime = visit.end.time;
  if (recipient) {
    result.recipient = {
      zone: recipient.zone,
      date: recipient.span.start.date,
      time: recipient.span.start.time,
      zoneName: recipient.zoneName,
    };
    if (recipient.span.end) result.recipient.endTime = recipient.span.end.time;
  }
  return result;
}

export interface ArrivalWindowInput extends Omit<VisitTimeInput, "end"> {
  /** End of the arrival window; `start` is its start. */
  end: Instant;
}

/**
 * Formats an arrival window without its date, with the zones named, such as
 * `entre 09:00 et 11:00 (heure de Paris)` or `between 09:00 and 11:00 Paris time (between 08:00 and
 * 10:00 UK time)`. A window that ends on another local date names both dates.
 */
export function describeArrivalWindow(input: ArrivalWindowInput): string {
  return annotatedPhrase(resolveTimes(input, "arrival window"), "window", false);
}

/** Values of the date and time replacement codes of a visit. */
export interface VisitTimeValues {
  "activity.date": string;
  "activity.time": string;
  "activity.window"?: string;
}

/**
 * Computes `{activity.date}`, `{activity.time}` and, when an arrival window is given,
 * `{activity.window}`. `{activity.time}` is the start time only, even when `end` is set, so that
 * templates can write "le {activity.date} à {activity.time}".
 */
export function visitTimeValues(
  input: Omit<VisitTimeInput, "end"> & { window?: { start: Instant; end: Instant } | undefined },
): VisitTimeValues {
  const { window, ...visit } = input;
  const described = describeVisitTime(visit);
  const values: VisitTimeValues = {
    "activity.date": described.date,
    "activity.time": described.timeWithZone,
  };
  if (window) {
    values["activity.window"] = describeArrivalWindow({ ...visit, start: window.start, end: window.end });
  }
  return values;
}

function resolveTimes(input: VisitTimeInput, subject: string): ResolvedTimes {
  const locale = formatLocale(input);
  const visitZone = zoneOrThrow(input.visitZone, `${subject} zone`);
  const start = toEpochMillis(input.start, `${subject} start`);
  const end = input.end === undefined ? undefined : toEpochMillis(input.end, `${subject} end`);
  if (end !== undefined && end <= start) {
    throw new RangeError(
      `Invalid ${subject}: the end ${new Date(end).toISOString()} is not after the start ` +
        `${new Date(start).toISOString()}. Give an end after the start.`,
    );
  }

  const visit = span(start, end, visitZone, locale);
  const resolved: ResolvedTimes = {
    locale,
    language: input.language,
    visit,
    visitZoneName: zoneDisplayName(input.visitZone, input.language),
  };

  if (input.recipientZone) {
    const recipientZone = zoneOrThrow(input.recipientZone, "recipient zone");
    const offsetDiffers = (instant: number) => recipientZone.offset(instant) !== visitZone.offset(instant);
    if (offsetDiffers(start) || (end !== undefined && offsetDiffers(end))) {
      const recipientSpan = span(start, end, recipientZone, locale);
      resolved.recipient = {
        zone: input.recipientZone,
        span: recipientSpan,
        zoneName: zoneDisplayName(input.recipientZone, input.language),
        dateDiffers:
          recipientSpan.start.isoDate !== visit.start.isoDate ||
          recipientSpan.end?.isoDate !== visit.end?.isoDate,
      };
    }
  }
  return resolved;
}

function formatLocale(input: VisitTimeInput): FormatLocale {
  if (input.language === "fr") return "fr";
  const locale = input.locale ?? "en-GB";
  if (!ENGLISH_LOCALES.includes(locale)) {
    throw new RangeError(`Invalid English locale "${locale}": use one of ${ENGLISH_LOCALES.join(", ")}.`);
  }
  return locale;
}

function zoneOrThrow(name: string, label: string): IANAZone {
  const zone = IANAZone.create(name);
  if (!zone.isValid) {
    throw new RangeError(`Invalid ${label} "${name}": use an IANA zone name such as Europe/Paris.`);
  }
  return zone;
}

function span(start: number, end: number | undefined, zone: IANAZone, locale: FormatLocale): Span {
  return {
    start: moment(start, zone, locale),
    end: end === undefined ? undefined : moment(end, zone, locale),
  };
}

function moment(millis: number, zone: IANAZone, locale: FormatLocale): Moment {
  const local = DateTime.fromMillis(millis, { zone });
  return {
    isoDate: local.toISODate() ?? "",
    date: formatDate(local, locale),
    time: formatTime(local.hour, local.minute, locale),
  };
}

const nameCache = new Map<FormatLocale, { weekdays: string[]; months: string[] }>();

function namesOf(locale: FormatLocale): { weekdays: string[]; months: string[] } {
  let names = nameCache.get(locale);
  if (!names) {
    names = {
      weekdays: Info.weekdaysFormat("long", { locale }),
      months: Info.monthsFormat("long", { locale }),
    };
    nameCache.set(locale, names);
  }
  return names;
}

/** Formats a local date in the house style. Luxon supplies the names, and this function the order. */
function formatDate(local: DateTime, locale: FormatLocale): string {
  const { weekdays, months } = namesOf(locale);
  const weekday = weekdays[local.weekday - 1];
  const month = months[local.month - 1];
  switch (locale) {
    case "fr":
      return `${weekday} ${local.day === 1 ? "1er" : local.day} ${month} ${local.year}`;
    case "en-GB":
      return `${weekday} ${local.day} ${month} ${local.year}`;
    case "en-US":
      return `${weekday}, ${month} ${local.day}, ${local.year}`;
  }
}

function formatTime(hour: number, minute: number, locale: FormatLocale): string {
  const minutes = String(minute).padStart(2, "0");
  if (locale === "en-US") {
    return `${hour % 12 === 0 ? 12 : hour % 12}:${minutes} ${hour < 12 ? "AM" : "PM"}`;
  }
  return `${String(hour).padStart(2, "0")}:${minutes}`;
}

const WORDS = {
  en: { at: "at", from: "from", to: "to", between: "between", and: "and" },
  fr: { at: "à", from: "de", to: "à", between: "entre", and: "et" },
} as const;

/**
 * Writes a time, range or window, with the date first when `withDate` is set. A range or window
 * ending on another local date always names both dates.
 */
function phrase(kind: PhraseKind, span: Span, language: Language, withDate: boolean): string {
  const words = WORDS[language];
  const { start, end } = span;
  if (kind === "at" || !end) {
    return withDate ? `${start.date} ${words.at} ${start.time}` : start.time;
  }

  if (end.isoDate !== start.isoDate) {
    if (language === "fr") {
      return kind === "range"
        ? `du ${start.date} à ${start.time} au ${end.date} à ${end.time}`
        : `entre le ${start.date} à ${start.time} et le ${end.date} à ${end.time}`;
    }
    const [first, second] = kind === "range" ? [words.from, words.to] : [words.between, words.and];
    return `${first} ${start.date} at ${start.time} ${second} ${end.date} at ${end.time}`;
  }

  const times =
    kind === "range"
      ? `${words.from} ${start.time} ${words.to} ${end.time}`
      : `${words.between} ${start.time} ${words.and} ${end.time}`;
  return withDate ? `${start.date} ${times}` : times;
}

/**
 * Adds the zone names. Without a recipient time, French brackets the zone ("09:00 (heure de
 * Paris)") and English appends it ("09:00 Paris time"). With one, both languages read
 * "09:00 heure de Paris (08:00 heure du Royaume-Uni)", and the bracket names the date when it differs.
 */
function annotatedPhrase(resolved: ResolvedTimes, kind: PhraseKind, withDate: boolean): string {
  const { language, recipient } = resolved;
  const visitPhrase = phrase(kind, resolved.visit, language, withDate);
  if (!recipient) {
    return language === "fr"
      ? `${visitPhrase} (${resolved.visitZoneName})`
      : `${visitPhrase} ${resolved.visitZoneName}`;
  }
  const recipientPhrase = phrase(kind, recipient.span, language, recipient.dateDiffers);
  return `${visitPhrase} ${resolved.visitZoneName} (${recipientPhrase} ${recipient.zoneName})`;
}
