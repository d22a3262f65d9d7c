import { parsePhoneNumberFromString } from "libphonenumber-js/min";

/**
 * Formats an E.164 number for reading: in the national form when it belongs to `country` (the
 * business unit's), such as "04 77 00 11 22", else in the international form, such as
 * "+596 696 12 34 56". A value that does not parse is returned unchanged.
 */
export function formatPhone(e164: string, country: string | null): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) {
    return e164;
  }
  return country !== null && parsed.country === country.toUpperCase()
    ? parsed.formatNational()
    : parsed.formatInternational();
}

/** Rounds a coordinate to 6 decimals, about 0.1 m, so a map click does not store false precision. */
export function roundCoordinate(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
