import { IANAZone } from "luxon";
import type { Language } from "../business-units/localisation.js";

/**
 * Short human names of time zones for messages, such as "heure de Paris" and "Paris time".
 * Abbreviations are avoided because they are ambiguous (CST is used in America, China and Cuba)
 * and change with daylight saving (CET and CEST). Zones missing from the table are named after the city in their IANA name.
 */

interface ZoneName {
  fr: string;
  en: string;
}

const ZONE_NAMES: Record<string, ZoneName> = {
  "Europe/Paris": { fr: "heure de Paris", en: "Paris time" },
  "Europe/London": { fr: "heure du Royaume-Uni", en: "UK time" },
  "Europe/Brussels": { fr: "heure de Bruxelles", en: "Brussels time" },
  "Europe/Luxembourg": { fr: "heure du Luxembourg", en: "Luxembourg time" },
  "Europe/Monaco": { fr: "heure de Monaco", en: "Monaco time" },
  "Europe/Zurich": { fr: "heure de Zurich", en: "Zurich time" },
  "America/Guadeloupe": { fr: "heure de la Guadeloupe", en: "Guadeloupe time" },
  "America/Martinique": { fr: "heure de la Martinique", en: "Martinique time" },
  "America/Cayenne": { fr: "heure de la Guyane", en: "French Guiana time" },
  "America/Miquelon": { fr: "heure de Saint-Pierre-et-Miquelon", en: "Saint Pierre and Miquelon time" },
  "Indian/Reunion": { fr: "heure de La Réunion", en: "Réunion time" },
  "Indian/Mayotte": { fr: "heure de Mayotte", en: "Mayotte time" },
  "Pacific/Noumea": { fr: "heure de la Nouvelle-Calédonie", en: "New Caledonia time" },
  "Pacific/Tahiti": { fr: "heure de Tahiti", en: "Tahiti time" },
  "Pacific/Marquesas": { fr: "heure des Marquises", en: "Marquesas time" },
  "Pacific/Gambier": { fr: "heure des Gambier", en: "Gambier time" },
  "Pacific/Wallis": { fr: "heure de Wallis-et-Futuna", en: "Wallis and Futuna time" },
  "America/Montreal": { fr: "heure de Montréal", en: "Montreal time" },
  "America/Toronto": { fr: "heure de Toronto", en: "Toronto time" },
  "America/New_York": { fr: "heure de New York", en: "New York time" },
  "Pacific/Auckland": { fr: "heure de la Nouvelle-Zélande", en: "New Zealand time" },
  UTC: { fr: "UTC", en: "UTC" },
};

const ZONE_NAMES_BY_LOWER_CASE = new Map(
  Object.entries(ZONE_NAMES).map(([zone, names]) => [zone.toLowerCase(), names]),
);

/** Returns the zone's canonical IANA spelling from ICU ("europe/paris" becomes "Europe/Paris"). */
function canonicalZone(zone: string): string {
  return new Intl.DateTimeFormat("en", { timeZone: zone }).resolvedOptions().timeZone;
}

/**
 * Returns the name of a time zone for a message: "heure de Paris" in French, "Paris time" in English.
 * Zones outside the table are named after the last part of the IANA name ("Asia/Tokyo" becomes
 * "heure de Tokyo" and "Tokyo time"), and fixed-offset zones such as Etc/GMT-3 by their UTC offset.
 * Throws a RangeError for a name that is not an IANA zone.
 */
export function zoneDisplayName(zone: string, language: Language): string {
  if (!IANAZone.isValidZone(zone)) {
    throw new RangeError(`Invalid time zone "${zone}": use an IANA zone name such as Europe/Paris.`);
  }

  // The name as given comes first, because ICU turns links such as America/Montreal into their target.
  const canonical = canonicalZone(zone);
  const names =
    ZONE_NAMES_BY_LOWER_CASE.get(zone.toLowerCase()) ?? ZONE_NAMES_BY_LOWER_CASE.get(canonical.toLowerCase());
  if (names) return names[language];

  if (canonical.startsWith("Etc/")) return fixedOffsetName(canonical);

  const city = (canonical.split("/").pop() ?? canonical).replaceAll("_", " ");
  return language === "fr" ? `heure ${frenchOf(city)}` : `${city} time`;
}

/** Names a fixed-offset zone by its offset, such as "UTC+03:00" for Etc/GMT-3 (POSIX signs are reversed). */
function fixedOffsetName(zone: string): string {
  const minutes = IANAZone.create(zone).offset(0);
  if (minutes === 0) return "UTC";
  const sign = minutes > 0 ? "+" : "-";
  const hours = String(Math.floor(Math.abs(minutes) / 60)).padStart(2, "0");
  const rest = String(Math.abs(minutes) % 60).padStart(2, "0");
  return `UTC${sign}${hours}:${rest}`;
}

/** Writes "de Tokyo" or, before a vowel, the elided "d'Amsterdam". */
function frenchOf(city: string): string {
  return /^[aeiouyàâéèêëîïôöûüÿ]/i.test(city) ? `d'${city}` : `de ${city}`;
}
