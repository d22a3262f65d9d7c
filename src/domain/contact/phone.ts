import {
  type CountryCode,
  isSupportedCountry,
  type PhoneNumber,
  parsePhoneNumberFromString,
} from "libphonenumber-js/max";

/**
 * Regions that share the French numbering plan: national numbers have ten digits and start
 * with the trunk prefix 0, so `0696 12 34 56` dialled in France reaches Martinique.
 * Saint-Pierre-et-Miquelon (PM) keeps its own shorter numbers but also uses the trunk prefix 0. National numbers
 * are tried in these regions in this order when neither the country nor the postcode decides.
 */
export const FRENCH_NUMBERING_PLAN_REGIONS = [
  "FR",
  "GP",
  "MQ",
  "GF",
  "RE",
  "YT",
  "PM",
  "BL",
  "MF",
] as const satisfies readonly CountryCode[];

export type FrenchNumberingPlanRegion = (typeof FRENCH_NUMBERING_PLAN_REGIONS)[number];

export type PhoneProblemReason =
  | "empty"
  | "invalid_characters"
  | "invalid"
  | "missing_trunk_prefix"
  | "unsupported_country";

export type PhoneNormalization =
  | { ok: true; e164: string; region: CountryCode | undefined }
  | { ok: false; reason: PhoneProblemReason; message: string };

export interface PhoneContext {
  /** ISO 3166-1 alpha-2 code of the country where national numbers are dialled, such as FR. */
  country: string;
  /** Postcode of the customer's address; French overseas postcodes choose the region. */
  postcode?: string;
}

/** Whitespace and separators that people type between digit groups. */
const FORMATTING = /[\s\u00a0\u202f.\-/()]/g;
const ALLOWED = /^\+?[\d\s\u00a0\u202f.\-/()]+$/;

/**
 * Normalizes a typed phone number to E.164.
 *
 * A number that starts with `+` or `00` is international. A trunk prefix typed after the country
 * code, as in `+33 (0)6 12 34 56 78` or `+330612345678`, is dropped when the number is only
 * valid without it. A French overseas number written with +33 gets its region's calling code.
 *
 * A number without `+` or `00` is national to `context.country`. In a French numbering plan
 * region it must start with the trunk prefix 0, because libphonenumber would otherwise read
 * `612345678` as a valid French mobile. The French overseas region comes from the postcode, or
 * else from the region of the plan where the number is valid (see `matchFrenchPlanRegion`), so
 * `0696 12 34 56` becomes `+596696123456`, never `+33696123456`.
 */
export function normalizePhone(raw: string, context: PhoneContext): PhoneNormalization {
  const typed = raw.normalize("NFKC").trim();
  if (typed === "") {
    return { ok: false, reason: "empty", message: "The phone number is empty." };
  }
  if (!ALLOWED.test(typed)) {
    return {
      ok: false,
      reason: "invalid_characters",
      message: `Phone number "${typed}" contains characters other than digits, spaces, dots, dashes, brackets and a leading +.`,
    };
  }

  if (typed.startsWith("+") || typed.startsWith("00")) {
    return normalizeInternational(typed);
  }
  return normalizeNational(typed, context);
}

function normalizeInternational(typed: string): PhoneNormalization {
  const digits = typed
    .replace(/\(0\)/g, "")
    .replace(FORMATTING, "")
    .replace(/^(\+|00)/, "");
  if (!/^\d+$/.test(digits)) {
    return invalid(typed, "It has no digits after the international prefix.");
  }

  // An overseas number written with the mainland code, such as +33 696 12 34 56, cannot be dialled
  // from abroad. It is read as the national number 0696 12 34 56 of the French plan instead.
  if (digits.startsWith("33")) {
    const national = `0${digits.slice(2).replace(/^0/, "")}`;
    if (OVERSEAS_PREFIXES.some((prefix) => national.startsWith(prefix))) {
      const match = matchFrenchPlanRegion(national, "FR", undefined);
      return match === undefined
        ? invalid(typed, "It is not a valid number in the French overseas regions.")
        : valid(match.parsed, match.region);
    }
  }

  const parsed = parsePhoneNumberFromString(`+${digits}`);
  if (parsed?.isValid()) return valid(parsed);

  // libphonenumber already drops the trunk 0 for most plans. This covers the plans where it keeps
  // the 0 although the number is only valid without it.
  if (parsed) {
    const callingCode = parsed.countryCallingCode;
    const rest = digits.slice(callingCode.length);
    if (rest.startsWith("0")) {
      const withoutTrunk = parsePhoneNumberFromString(`+${callingCode}${rest.slice(1)}`);
      if (withoutTrunk?.isValid()) return valid(withoutTrunk);
    }
  }
  return invalid(typed, "Check the country code and the number of digits.");
}

function normalizeNational(typed: string, context: PhoneContext): PhoneNormalization {
  const country = context.country.toUpperCase();
  if (!isSupportedCountry(country)) {
    return {
      ok: false,
      reason: "unsupported_country",
      message: `Country "${context.country}" has no known phone numbering plan. Enter the number with + and the country code.`,
    };
  }
  const digits = typed.replace(FORMATTING, "");
  const postcodeRegion = isFrenchPlanRegion(country) ? frenchRegionFromPostcode(context.postcode) : undefined;

  // New Caledonia, French Polynesia and Wallis-et-Futuna have French postcodes but their own plans,
  // without a trunk prefix. A number starting with 0 there is a French-plan number.
  if (postcodeRegion !== undefined && !isFrenchPlanRegion(postcodeRegion) && !digits.startsWith("0")) {
    const parsed = parsePhoneNumberFromString(digits, postcodeRegion);
    return parsed?.isValid()
      ? valid(parsed)
      : invalid(typed, `It is not a valid number for ${postcodeRegion}.`);
  }

  if (isFrenchPlanRegion(country)) {
    if (!digits.startsWith("0")) {
      return {
        ok: false,
        reason: "missing_trunk_prefix",
        message:
          `Phone number "${typed}" does not start with 0 or +. Enter the full number, such as ` +
          "06 12 34 56 78 or +33 6 12 34 56 78. Spreadsheets often drop the leading 0 of a number column.",
      };
    }
    const postcodePlanRegion =
      postcodeRegion !== undefined && isFrenchPlanRegion(postcodeRegion) ? postcodeRegion : undefined;
    const match = matchFrenchPlanRegion(digits, country, postcodePlanRegion);
    if (match !== undefined) return valid(match.parsed, match.region);
    return invalid(typed, "It is not a valid number in France or the French overseas regions.");
  }

  const parsed = parsePhoneNumberFromString(digits, country);
  return parsed?.isValid() ? valid(parsed) : invalid(typed, `It is not a valid number for ${country}.`);
}

/**
 * Returns the E.164 numbers that a phone number typed as a login identifier may stand for, one per
 * distinct result of `normalizePhone` in each of `countries`. The list is empty when the input is
 * no valid number in any of them.
 */
export function phoneLookupCandidates(raw: string, countries: readonly string[]): string[] {
  const candidates: string[] = [];
  for (const country of countries) {
    const result = normalizePhone(raw, { country });
    if (result.ok && !candidates.includes(result.e164)) candidates.push(result.e164);
  }
  return candidates;
}

/**
 * Returns the region that a French postcode belongs to when its numbering differs from mainland
 * France: 971 Guadeloupe (97133 Saint-Barthélemy, 97150 Saint-Martin), 972 Martinique, 973 French
 * Guiana, 974 Réunion, 975 Saint-Pierre-et-Miquelon, 976 Mayotte, 986 Wallis-et-Futuna,
 * 987 French Polynesia, 988 New Caledonia.
 */
export function frenchRegionFromPostcode(postcode: string | undefined): CountryCode | undefined {
  const compact = postcode?.replace(/\s/g, "") ?? "";
  if (!/^\d{5}$/.test(compact)) return undefined;
  if (compact === "97133") return "BL";
  if (compact === "97150") return "MF";
  return OVERSEAS_POSTCODE_PREFIXES[compact.slice(0, 3)];
}

const OVERSEAS_POSTCODE_PREFIXES: Record<string, CountryCode> = {
  "971": "GP",
  "972": "MQ",
  "973": "GF",
  "974": "RE",
  "975": "PM",
  "976": "YT",
  "986": "WF",
  "987": "PF",
  "988": "NC",
};

/** Formats an E.164 number for people to read, such as `+33 6 12 34 56 78`; returns other input unchanged. */
export function formatPhoneInternational(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

/**
 * National prefixes that the French plan gives to overseas regions: 0262 and 0263 Réunion, 0269
 * and 0639 Mayotte, 0590, 0690 and 0691 Guadeloupe, Saint-Barthélemy and Saint-Martin, 0594 and
 * 0694 French Guiana, 0596, 0696 and 0697 Martinique, 0692 and 0693 Réunion. libphonenumber 1.13
 * also accepts 0263, 0269 and 0596 numbers as mainland numbers, which would give an unreachable
 * +33 number, so numbers with these prefixes are never read as mainland numbers.
 */
const OVERSEAS_PREFIXES = [
  "0262",
  "0263",
  "0269",
  "0590",
  "0594",
  "0596",
  "0639",
  "0690",
  "0691",
  "0692",
  "0693",
  "0694",
  "0696",
  "0697",
];

/**
 * Chooses the region of a national number of the French plan: the first region where it is valid,
 * trying the postcode's region, then `country`, then the plan in its order. Mainland France is
 * skipped for overseas prefixes. Regions that share a calling code (GP, BL and MF; RE and YT) give
 * the same E.164 number, so without a postcode the first of them is reported.
 */
function matchFrenchPlanRegion(
  digits: string,
  country: FrenchNumberingPlanRegion,
  postcodeRegion: FrenchNumberingPlanRegion | undefined,
): { parsed: PhoneNumber; region: CountryCode } | undefined {
  const overseas = OVERSEAS_PREFIXES.some((prefix) => digits.startsWith(prefix));
  const regions = uniqueRegions([
    ...(postcodeRegion === undefined ? [] : [postcodeRegion]),
    country,
    ...FRENCH_NUMBERING_PLAN_REGIONS,
  ]).filter((region) => !(overseas && region === "FR"));

  for (const region of regions) {
    const parsed = parsePhoneNumberFromString(digits, region);
    if (parsed?.isValid()) return { parsed, region };
  }
  return undefined;
}

function isFrenchPlanRegion(region: string): region is FrenchNumberingPlanRegion {
  return (FRENCH_NUMBERING_PLAN_REGIONS as readonly string[]).includes(region);
}

function uniqueRegions(regions: CountryCode[]): CountryCode[] {
  return [...new Set(regions)];
}

function valid(parsed: PhoneNumber, region: CountryCode | undefined = parsed.country): PhoneNormalization {
  return { ok: true, e164: parsed.number, region };
}

function invalid(typed: string, hint: string): PhoneNormalization {
  return { ok: false, reason: "invalid", message: `Phone number "${typed}" is not valid. ${hint}` };
}
