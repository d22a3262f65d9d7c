import { isCountry, isTimeZone, type Language } from "../../domain/business-units/localisation.js";
import { displayEmail, isPlausibleEmail, normalizeEmail } from "../../domain/contact/email.js";
import { normalizePhone } from "../../domain/contact/phone.js";
import { type CustomerType, computeDisplayName } from "../../domain/customers/customer.js";
import { searchKey } from "../../domain/text/keys.js";
import type { BusinessUnitRow } from "../../repositories/business-units.js";
import type { CustomerFields, CustomerRow } from "../../repositories/customers.js";
import type { FieldProblem } from "../../server/errors.js";

/** Maximum number of custom fields on one customer. */
export const MAX_CUSTOM_FIELDS = 50;

/**
 * Customer fields as a request gives them. An absent property keeps the stored value (or takes
 * the default on creation); null clears it.
 */
export interface CustomerInput {
  reference?: string;
  type?: CustomerType;
  firstName?: string | null;
  lastName?: string | null;
  companyName?: string | null;
  email?: string | null;
  phone?: string | null;
  mobile?: string | null;
  addressLine1?: string | null;
  addressLine2?: string | null;
  postcode?: string | null;
  city?: string | null;
  country?: string;
  latitude?: number | null;
  longitude?: number | null;
  language?: Language;
  timeZone?: string | null;
  /** Replaces the whole map; entries with an empty value are dropped. */
  customFields?: Record<string, string>;
  comments?: string | null;
  portalAccess?: boolean;
}

/** The stored fields without the reference, which the service checks and generates itself. */
export type CustomerValues = Omit<CustomerFields, "reference">;

/**
 * Builds the stored fields of a customer from a request: on top of `current` for an update,
 * or of the business unit's defaults for a creation. Returns every problem at once.
 *
 * Text is trimmed and put in NFC, and one-line text gets single spaces. Phone numbers become
 * E.164: national numbers are read in the unit's country, and an overseas postcode picks the
 * French region. The email address is kept as typed, with its lower-cased key beside it.
 */
export function buildCustomerValues(
  unit: BusinessUnitRow,
  current: CustomerRow | undefined,
  input: CustomerInput,
): { values: CustomerValues; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const pick = <K extends keyof CustomerInput, T>(
    key: K,
    stored: T,
    clean: (value: NonNullable<CustomerInput[K]>) => T,
  ) => {
    const value = input[key];
    if (value === undefined) return stored;
    if (value === null) return null as T;
    return clean(value as NonNullable<CustomerInput[K]>);
  };

  const firstName = pick("firstName", current?.firstName ?? null, cleanLine);
  const lastName = pick("lastName", current?.lastName ?? null, cleanLine);
  const companyName = pick("companyName", current?.companyName ?? null, cleanLine);
  const type: CustomerType =
    input.type ??
    (current?.type as CustomerType | undefined) ??
    (companyName ? "professional" : "individual");
  const displayName = computeDisplayName(type, {
    firstName: firstName ?? undefined,
    lastName: lastName ?? undefined,
    companyName: companyName ?? undefined,
  });
  if (displayName === undefined) {
    problems.push({
      path: type === "professional" ? "companyName" : "lastName",
      code: "missing_name",
      message: "give a last name, a first name or a company name",
    });
  }

  const postcode = pick("postcode", current?.postcode ?? null, cleanLine);
  const country = pick("country", current?.country ?? unit.country, (value) => value.trim().toUpperCase());
  if (input.country !== undefined && !isCountry(country)) {
    problems.push({
      path: "country",
      code: "invalid_country",
      value: input.country,
      message: `"${input.country}" is not a supported ISO 3166-1 alpha-2 country code, such as FR`,
    });
  }

  let email = current?.email ?? null;
  let emailNormalized = current?.emailNormalized ?? null;
  if (input.email !== undefined) {
    const typed = input.email === null ? "" : displayEmail(input.email);
    if (typed === "") {
      email = null;
      emailNormalized = null;
    } else if (isPlausibleEmail(normalizeEmail(typed))) {
      email = typed;
      emailNormalized = normalizeEmail(typed);
    } else {
      problems.push({
        path: "email",
        code: "invalid_email",
        value: input.email,
        message: `"${typed}" is not a valid email address; use the form name@example.com with no spaces`,
      });
    }
  }

  const phones = { phone: current?.phone ?? null, mobile: current?.mobile ?? null };
  for (const field of ["phone", "mobile"] as const) {
    const typed = input[field];
    if (typed === undefined) continue;
    if (typed === null || typed.trim() === "") {
      phones[field] = null;
      continue;
    }
    const result = normalizePhone(typed, { country: unit.country, postcode: postcode ?? undefined });
    if (result.ok) {
      phones[field] = result.e164;
    } else {
      problems.push({ path: field, code: result.reason, value: typed, message: result.message });
    }
  }

  const latitude = pick("latitude", current?.latitude ?? null, (value) => value);
  const longitude = pick("longitude", current?.longitude ?? null, (value) => value);
  if ((latitude === null) !== (longitude === null)) {
    problems.push({
      path: latitude === null ? "latitude" : "longitude",
      code: "incomplete_coordinates",
      value: latitude ?? longitude,
      message: "give both latitude and longitude, or neither",
    });
  }

  const timeZone = pick("timeZone", current?.timeZone ?? null, (value) => value.trim() || null);
  if (input.timeZone && timeZone !== null && !isTimeZone(timeZone)) {
    problems.push({
      path: "timeZone",
      code: "invalid_time_zone",
      value: input.timeZone,
      message: `"${input.timeZone}" is not an IANA time zone; use a name such as Europe/Paris, or leave it empty`,
    });
  }

  const customFields =
    input.customFields === undefined
      ? (current?.customFields ?? {})
      : cleanCustomFields(input.customFields, problems);

  const values: CustomerValues = {
    type,
    firstName,
    lastName,
    companyName,
    displayName: displayName ?? "",
    searchKey: searchKey(displayName ?? ""),
    email,
    emailNormalized,
    phone: phones.phone,
    mobile: phones.mobile,
    addressLine1: pick("addressLine1", current?.addressLine1 ?? null, cleanLine),
    addressLine2: pick("addressLine2", current?.addressLine2 ?? null, cleanLine),
    postcode,
    city: pick("city", current?.city ?? null, cleanLine),
    country,
    latitude,
    longitude,
    language: input.language ?? current?.language ?? unit.language,
    timeZone,
    customFields,
    comments: pick("comments", current?.comments ?? null, cleanText),
    portalAccess: input.portalAccess ?? current?.portalAccess ?? unit.portalAccessByDefault,
  };
  return { values, problems };
}

/** Returns a reference trimmed, or a problem when it is empty or contains control characters. */
export function checkReference(reference: string): FieldProblem | undefined {
  const trimmed = reference.trim();
  if (trimmed === "" || /\p{Cc}/u.test(trimmed)) {
    return {
      path: "reference",
      code: "invalid_reference",
      value: reference,
      message: "give a reference of visible characters, or leave it out to have one generated",
    };
  }
  return undefined;
}

function cleanCustomFields(fields: Record<string, string>, problems: FieldProblem[]): Record<string, string> {
  const cleaned: Record<string, string> = {};
  for (const [rawName, rawValue] of Object.entries(fields)) {
    const name = cleanLine(rawName);
    if (name === null) {
      problems.push({
        path: "customFields",
        code: "invalid_custom_field_name",
        value: rawName,
        message: "every custom field needs a name",
      });
      continue;
    }
    const value = cleanText(rawValue);
    if (value !== null) cleaned[name] = value;
  }
  const count = Object.keys(cleaned).length;
  if (count > MAX_CUSTOM_FIELDS) {
    problems.push({
      path: "customFields",
      code: "too_many_custom_fields",
      value: count,
      message: `a customer has at most ${MAX_CUSTOM_FIELDS} custom fields; this request gives ${count}`,
    });
  }
  return cleaned;
}

/** One-line text as the importer stores it: trimmed, single spaces, NFC; null when empty. */
function cleanLine(text: string): string | null {
  const cleaned = text
    .replace(/[\s\u00a0\u202f]+/g, " ")
    .trim()
    .normalize("NFC");
  return cleaned === "" ? null : cleaned;
}

/** Text that may span lines: trimmed and in NFC; null when empty. */
function cleanText(text: string): string | null {
  const cleaned = text.trim().normalize("NFC");
  return cleaned === "" ? null : cleaned;
}
