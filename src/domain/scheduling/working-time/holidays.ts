import Holidays from "date-holidays";
import { DAY_MS, formatLocalDate, parseLocalDate } from "./calendar.js";
import type { PublicHoliday } from "./types.js";

export interface PublicHolidayOptions {
  /** State or region code as date-holidays names it, such as "67" (Bas-Rhin) for France. */
  region?: string;
  /** Language of the names. Where date-holidays has no name in it, its default name is used. */
  language?: "en" | "fr";
}

const catalog = new Holidays();

/**
 * Lists the public holidays of a country in a year, sorted by date, from date-holidays 3.
 * Only holidays of type "public" count: bank holidays, observances and optional days are left out.
 * A holiday lasting several days (such as a three-day Eid) yields one entry per date, so a holiday
 * that starts late in December can add dates of the next year.
 * Throws a RangeError for a country or region that date-holidays does not know, so that a typo
 * does not silently mean "no holidays".
 */
export function publicHolidays(
  country: string,
  year: number,
  options: PublicHolidayOptions = {},
): PublicHoliday[] {
  const countryCode = country.toUpperCase();
  if (!Object.hasOwn(catalog.getCountries(), countryCode)) {
    throw new RangeError(`Unknown country "${country}": use an ISO 3166-1 alpha-2 code such as "FR".`);
  }
  const { region, language = "en" } = options;
  if (region !== undefined) {
    const regions = Object.keys(catalog.getStates(countryCode) ?? {});
    if (!regions.includes(region)) {
      const known = regions.length > 0 ? `use one of ${regions.join(", ")}` : `${countryCode} has no regions`;
      throw new RangeError(`Unknown region "${region}" of ${countryCode}: ${known}.`);
    }
  }
  if (!Number.isInteger(year)) throw new RangeError(`Invalid year ${year}: expected a whole number.`);

  const calendar =
    region === undefined
      ? new Holidays(countryCode, { languages: [language], types: ["public"] })
      : new Holidays(countryCode, region, { languages: [language], types: ["public"] });

  const result: { day: number; name: string }[] = [];
  for (const holiday of calendar.getHolidays(year, language)) {
    if (holiday.type !== "public") continue;

    // `date` is "YYYY-MM-DD hh:mm:ss" in the country's own zone, so its first ten characters are
    // the local date whatever the process zone is.
    // NOTE: a public holiday that starts at noon (some in China) still counts as a whole day off.
    const firstDay = parseLocalDate(holiday.date.slice(0, 10));
    if (firstDay === undefined) continue;
    const dayCount = Math.max(1, Math.round((holiday.end.getTime() - holiday.start.getTime()) / DAY_MS));
    for (let offset = 0; offset < dayCount; offset++) {
      result.push({ day: firstDay + offset, name: holiday.name });
    }
  }

  result.sort((a, b) => a.day - b.day);
  return result.map(({ day, name }) => ({ date: formatLocalDate(day), name }));
}
