import { CUSTOMER_FIELDS, type CustomerField } from "../customer.js";
import { repairMojibake } from "./mojibake.js";

/** The destination of one column's values: a customer field, a custom field, or nothing. */
export type ColumnTarget =
  | { kind: "field"; field: CustomerField }
  | { kind: "custom"; name: string }
  | { kind: "ignore" };

/** Column targets by header text, as returned in `headers`. */
export type ColumnMapping = Record<string, ColumnTarget>;

/** Header text that an export writes for each field, in English and French. */
export const COLUMN_LABELS: Record<"en" | "fr", Record<CustomerField, string>> = {
  en: {
    reference: "Reference",
    type: "Type",
    lastName: "Last name",
    firstName: "First name",
    companyName: "Company",
    email: "Email",
    phone: "Phone",
    mobile: "Mobile",
    address: "Address",
    additionalAddress: "Additional address",
    postcode: "Postcode",
    city: "City",
    latitude: "Latitude",
    longitude: "Longitude",
    language: "Language",
    comments: "Comments",
  },
  fr: {
    reference: "Référence",
    type: "Type",
    lastName: "Nom",
    firstName: "Prénom",
    companyName: "Société",
    email: "E-mail",
    phone: "Téléphone",
    mobile: "Portable",
    address: "Adresse",
    additionalAddress: "Complément d'adresse",
    postcode: "Code postal",
    city: "Ville",
    latitude: "Latitude",
    longitude: "Longitude",
    language: "Langue",
    comments: "Commentaires",
  },
};

/**
 * Header texts recognized for each field, besides the export labels, in English and French.
 * They are compared by `headerKey`, so case, accents, spaces and punctuation do not matter.
 */
const HEADER_ALIASES: Record<CustomerField, string[]> = {
  reference: [
    "reference",
    "ref",
    "customer reference",
    "customer ref",
    "customer code",
    "customer number",
    "référence client",
    "réf client",
    "code client",
    "numéro client",
    "n° client",
  ],
  type: ["customer type", "client type", "type de client", "type client"],
  lastName: ["name", "last name", "surname", "family name", "nom", "nom de famille"],
  firstName: ["first name", "given name", "prénom"],
  companyName: [
    "company",
    "company name",
    "business name",
    "organization",
    "organisation",
    "société",
    "raison sociale",
    "entreprise",
    "nom de la société",
    "nom société",
  ],
  email: [
    "email",
    "e-mail",
    "email address",
    "mail",
    "courriel",
    "adresse email",
    "adresse e-mail",
    "adresse mail",
  ],
  phone: [
    "phone",
    "phone number",
    "landline",
    "tel",
    "téléphone",
    "téléphone fixe",
    "tél fixe",
    "fixe",
    "numéro de téléphone",
    "n° de téléphone",
  ],
  mobile: [
    "mobile",
    "mobile phone",
    "mobile number",
    "cell",
    "cell phone",
    "portable",
    "gsm",
    "téléphone portable",
    "téléphone mobile",
    "tél portable",
    "tél mobile",
  ],
  address: ["address", "street", "street address", "address line 1", "adresse", "adresse 1", "rue"],
  additionalAddress: [
    "additional address",
    "address line 2",
    "address 2",
    "complément d'adresse",
    "complément adresse",
    "complément",
    "adresse 2",
  ],
  postcode: ["postcode", "post code", "postal code", "zip", "zip code", "code postal", "cp"],
  city: ["city", "town", "ville", "commune", "localité"],
  latitude: ["latitude", "lat"],
  longitude: ["longitude", "lon", "lng", "long"],
  language: ["language", "lang", "langue"],
  comments: [
    "comments",
    "comment",
    "notes",
    "note",
    "remarks",
    "commentaire",
    "commentaires",
    "remarques",
    "observations",
  ],
};

const FIELD_BY_HEADER_KEY: ReadonlyMap<string, CustomerField> = buildHeaderIndex();

function buildHeaderIndex(): Map<string, CustomerField> {
  const index = new Map<string, CustomerField>();
  for (const field of CUSTOMER_FIELDS) {
    const texts = [...HEADER_ALIASES[field], COLUMN_LABELS.en[field], COLUMN_LABELS.fr[field]];
    for (const text of texts) {
      const key = headerKey(text);
      const known = index.get(key);
      if (known !== undefined && known !== field) {
        throw new Error(`Header "${text}" is listed for both ${known} and ${field}.`);
      }
      index.set(key, field);
    }
  }
  return index;
}

/**
 * Returns the comparison key of a header: lower case, without accents, spaces or punctuation, so
 * that `Complément d'adresse` and `COMPLEMENT D-ADRESSE` compare equal.
 */
export function headerKey(header: string): string {
  return header
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .replace(/ß/g, "ss")
    .replace(/[^\p{L}\p{N}]/gu, "");
}

/** Returns the customer field that a header names, or undefined for a header of a custom field. */
export function fieldForHeader(header: string): CustomerField | undefined {
  return FIELD_BY_HEADER_KEY.get(headerKey(header));
}

/**
 * Proposes a target for each header. A header that names no field, or names a field that an
 * earlier column already fills, becomes a custom field named by the header text.
 */
export function proposeColumnMapping(headers: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const mappedFields = new Set<CustomerField>();
  for (const header of headers) {
    const field = fieldForHeader(header);
    if (field !== undefined && !mappedFields.has(field)) {
      mappedFields.add(field);
      mapping[header] = { kind: "field", field };
    } else {
      mapping[header] = { kind: "custom", name: header };
    }
  }
  return mapping;
}

/**
 * Returns a header's text without surrounding spaces and invisible characters, in NFC, with
 * mojibake repaired so that `PrÃ©nom` still maps to the first name.
 */
export function cleanHeaderText(raw: string): string {
  const text = raw
    .replace(/[\u200b-\u200d\ufeff]/g, "")
    .replace(/[\s\u00a0\u202f]+/g, " ")
    .trim();
  return (repairMojibake(text) ?? text).normalize("NFC");
}

/**
 * Returns the header texts of a file, cleaned by `cleanHeaderText` and made unique: an empty
 * header becomes `Column N`, and a repeated header gets ` (2)`, ` (3)` and so on, so that headers
 * can key a row's values.
 */
export function cleanHeaders(rawHeaders: readonly string[]): string[] {
  const seen = new Set<string>();
  return rawHeaders.map((raw, index) => {
    const text = cleanHeaderText(raw);
    const base = text === "" ? `Column ${index + 1}` : text;
    let unique = base;
    for (let copy = 2; seen.has(unique); copy++) unique = `${base} (${copy})`;
    seen.add(unique);
    return unique;
  });
}
