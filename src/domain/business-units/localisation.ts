import Holidays from "date-holidays";
import { IANAZone } from "luxon";

export const LANGUAGES = ["en", "fr"] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

/** True for IANA zone names such as "Europe/Paris" or "UTC"; rejects offsets and abbreviations like "CET". */
export function isTimeZone(value: string): boolean {
  return (value === "UTC" || value.includes("/")) && IANAZone.isValidZone(value);
}

const holidays = new Holidays();

/** Countries whose public holidays are known, by ISO 3166-1 alpha-2 code, named in `language`. */
export function listCountries(language: Language): { code: string; name: string }[] {
  const codes = Object.keys(holidays.getCountries("en"));
  const names = new Intl.DisplayNames([language], { type: "region" });
  const collator = new Intl.Collator(language);
  return codes
    .map((code) => ({ code, name: names.of(code) ?? code }))
    .sort((a, b) => collator.compare(a.name, b.name));
}

const countryCodes = new Set(Object.keys(holidays.getCountries("en")));

export function isCountry(value: string): boolean {
  return countryCodes.has(value);
}

/** Returns the zone's canonical spelling ("europe/paris" → "Europe/Paris"), or the input when unknown. */
export function canonicalTimeZone(value: string): string {
  try {
    return new Intl.DateTimeFormat("en", { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return value;
  }
}
