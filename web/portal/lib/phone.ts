import { parsePhoneNumberFromString } from "libphonenumber-js/min";

/** Formats an E.164 number in the international form, such as "+33 4 77 00 11 22". */
export function formatPhone(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}
