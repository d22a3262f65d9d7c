import type { Language } from "../business-units/localisation.js";

export const CUSTOMER_TYPES = ["individual", "professional"] as const;
export type CustomerType = (typeof CUSTOMER_TYPES)[number];

/** Customer fields that an import column can fill, in the order of an exported file. */
export const CUSTOMER_FIELDS = [
  "reference",
  "type",
  "lastName",
  "firstName",
  "companyName",
  "email",
  "phone",
  "mobile",
  "address",
  "additionalAddress",
  "postcode",
  "city",
  "latitude",
  "longitude",
  "language",
  "comments",
] as const;
export type CustomerField = (typeof CUSTOMER_FIELDS)[number];

/**
 * A validated, normalized customer read from one row of a file, before it is stored. Optional
 * properties are absent when the cell was empty or the file has no such column.
 */
export interface CustomerDraft {
  /** The customer's key in the business's own records; the service generates one when absent. */
  reference?: string;
  type: CustomerType;
  firstName?: string;
  lastName?: string;
  companyName?: string;
  /** For a professional the company name, else "First Last". An individual shows the person's name first. */
  displayName: string;
  /** Comparison key of the email address: trimmed and lower-cased. */
  email?: string;
  /** The email address as typed, trimmed, for display and sending. */
  emailDisplay?: string;
  /** Landline or main number in E.164, such as +33123456789. */
  phone?: string;
  /** Mobile number in E.164, such as +33612345678. */
  mobile?: string;
  address?: string;
  additionalAddress?: string;
  postcode?: string;
  city?: string;
  /** Decimal degrees from −90 to 90, present only together with `longitude`. */
  latitude?: number;
  /** Decimal degrees from −180 to 180, present only together with `latitude`. */
  longitude?: number;
  language: Language;
  comments?: string;
  /** Values of the columns that match no customer field, keyed by the column's header text. */
  customFields: Record<string, string>;
}

/** Returns the name to show for a customer, or undefined when it has none. */
export function computeDisplayName(
  type: CustomerType,
  names: { firstName?: string; lastName?: string; companyName?: string },
): string | undefined {
  const personName = [names.firstName, names.lastName].filter((part) => part !== undefined).join(" ");
  const person = personName === "" ? undefined : personName;
  return type === "professional" ? (names.companyName ?? person) : (person ?? names.companyName);
}
