import type { Language } from "../../business-units/localisation.js";
import { displayEmail, isPlausibleEmail, normalizeEmail } from "../../contact/email.js";
import { normalizePhone } from "../../contact/phone.js";
import {
  type CustomerDraft,
  type CustomerField,
  type CustomerType,
  computeDisplayName,
} from "../customer.js";
import { type ColumnMapping, headerKey } from "./columns.js";
import { repairMojibake } from "./mojibake.js";
import type { ImportProblem, RowErrorCode } from "./problems.js";

export interface RowOptions {
  /** ISO 3166-1 alpha-2 code of the business unit's country, for national phone numbers. */
  country: string;
  /** Language of customers whose row gives none. */
  defaultLanguage: Language;
  /** Whether the draft takes the repaired text of a mojibake cell; it is reported either way. */
  repairMojibake: boolean;
}

/** One data row of an imported file, with what the import made of it. */
export interface ImportRow {
  /** Line number in the file where the row starts; the header is line 1. */
  line: number;
  /** The row's cells as read from the file, by header text. */
  values: Record<string, string>;
  /** The customer that the row describes; absent when the row has errors. */
  draft?: CustomerDraft;
  errors: ImportProblem[];
  warnings: ImportProblem[];
  /** Line of the earlier row that describes the same customer; this row is then not imported. */
  duplicateOf?: number;
}

export interface NormalizedRow {
  /** The customer that the row describes; absent when the row has errors. */
  draft?: CustomerDraft;
  errors: ImportProblem[];
  warnings: ImportProblem[];
}

interface Cell {
  column: string;
  /** The cell as read from the file. */
  raw: string;
  /** The cell after formula unescaping and mojibake repair, not yet trimmed. */
  text: string;
}

/**
 * Validates and normalizes one data row into a customer draft.
 *
 * `line` is the row's line number in the file and `values` contains its cells by header text.
 * Every problem of the row is reported, not only the first.
 */
export function normalizeRow(
  line: number,
  values: Record<string, string>,
  mapping: ColumnMapping,
  options: RowOptions,
): NormalizedRow {
  const errors: ImportProblem[] = [];
  const warnings: ImportProblem[] = [];
  const cells = new Map<CustomerField, Cell>();
  const customFields: Record<string, string> = {};

  for (const [column, target] of Object.entries(mapping)) {
    if (target.kind === "ignore") continue;
    const raw = values[column] ?? "";
    const text = readCell(line, column, raw, options, warnings);
    if (target.kind === "custom") {
      const value = cleanMultilineText(text);
      if (value !== undefined) customFields[target.name] = value;
    } else if (!cells.has(target.field)) {
      cells.set(target.field, { column, raw, text });
    }
  }

  const reject = (cell: Cell, code: RowErrorCode, message: string) => {
    errors.push({ row: line, column: cell.column, value: cell.raw, code, message });
  };
  const textOf = (field: CustomerField) => {
    const cell = cells.get(field);
    return cell === undefined ? undefined : cleanText(cell.text);
  };

  const firstName = textOf("firstName");
  const lastName = textOf("lastName");
  const companyName = textOf("companyName");

  let type: CustomerType = companyName === undefined ? "individual" : "professional";
  const typeCell = cells.get("type");
  const typeText = textOf("type");
  if (typeCell !== undefined && typeText !== undefined) {
    const parsed = parseCustomerType(typeText);
    if (parsed === undefined) {
      reject(
        typeCell,
        "invalid_type",
        `Type "${typeText}" is not a customer type. Use individual or professional (particulier or professionnel).`,
      );
    } else {
      type = parsed;
    }
  }

  const displayName = computeDisplayName(type, { firstName, lastName, companyName });
  if (displayName === undefined) {
    const nameColumn = ["lastName", "companyName", "firstName"]
      .map((field) => cells.get(field as CustomerField)?.column)
      .find((column) => column !== undefined);
    errors.push({
      row: line,
      column: nameColumn ?? "",
      value: "",
      code: "missing_name",
      message: "The row has no last name, first name or company name. Give at least one.",
    });
  }

  const draft: CustomerDraft = {
    type,
    displayName: displayName ?? "",
    language: options.defaultLanguage,
    customFields,
  };
  assignIfPresent(draft, "reference", textOf("reference"));
  assignIfPresent(draft, "firstName", firstName);
  assignIfPresent(draft, "lastName", lastName);
  assignIfPresent(draft, "companyName", companyName);

  const emailCell = cells.get("email");
  if (emailCell !== undefined) {
    const typedEmail = displayEmail(emailCell.text);
    if (typedEmail !== "") {
      const key = normalizeEmail(typedEmail);
      if (isPlausibleEmail(key)) {
        draft.email = key;
        draft.emailDisplay = typedEmail;
      } else {
        reject(
          emailCell,
          "invalid_email",
          `Email "${typedEmail}" is not a valid address. Use the form name@example.com with no spaces.`,
        );
      }
    }
  }

  const postcodeCell = cells.get("postcode");
  const postcode = textOf("postcode");
  if (postcodeCell !== undefined && postcode !== undefined) {
    // Spreadsheets store French postcodes such as 01000 as numbers and drop the leading 0.
    if (options.country.toUpperCase() === "FR" && /^\d{4}$/.test(postcode)) {
      draft.postcode = `0${postcode}`;
      warnings.push({
        row: line,
        column: postcodeCell.column,
        value: postcodeCell.raw,
        code: "postcode_padded",
        message: `Postcode "${postcode}" has 4 digits, so it was read as ${draft.postcode}.`,
      });
    } else {
      draft.postcode = postcode;
    }
  }

  for (const field of ["phone", "mobile"] as const) {
    const cell = cells.get(field);
    const typed = textOf(field);
    if (cell === undefined || typed === undefined) continue;
    const result = normalizePhone(typed, { country: options.country, postcode: draft.postcode });
    if (result.ok) {
      draft[field] = result.e164;
    } else {
      reject(
        cell,
        result.reason === "missing_trunk_prefix" ? "missing_trunk_prefix" : "invalid_phone",
        result.message,
      );
    }
  }

  assignIfPresent(draft, "address", textOf("address"));
  assignIfPresent(draft, "additionalAddress", textOf("additionalAddress"));
  assignIfPresent(draft, "city", textOf("city"));

  readCoordinates(line, cells, draft, errors);

  const languageCell = cells.get("language");
  const languageText = textOf("language");
  if (languageCell !== undefined && languageText !== undefined) {
    const language = parseLanguage(languageText);
    if (language === undefined) {
      warnings.push({
        row: line,
        column: languageCell.column,
        value: languageCell.raw,
        code: "unsupported_language",
        message: `Language "${languageText}" is not supported, so the customer gets ${options.defaultLanguage}. Use en or fr.`,
      });
    } else {
      draft.language = language;
    }
  }

  const commentsCell = cells.get("comments");
  assignIfPresent(
    draft,
    "comments",
    commentsCell === undefined ? undefined : cleanMultilineText(commentsCell.text),
  );

  return errors.length > 0 ? { errors, warnings } : { draft, errors, warnings };
}

/**
 * Returns a cell's text after undoing the formula escape of an export and, when asked, repairing
 * mojibake. Mojibake and characters that could not be decoded are reported as warnings.
 */
function readCell(
  line: number,
  column: string,
  raw: string,
  options: RowOptions,
  warnings: ImportProblem[],
): string {
  let text = unescapeFormula(raw);

  const repaired = repairMojibake(text);
  if (repaired !== undefined) {
    warnings.push({
      row: line,
      column,
      value: raw,
      code: "mojibake",
      repairedValue: repaired,
      message:
        `"${raw}" looks like UTF-8 text that was opened as Windows-1252 and saved again; ` +
        `it reads "${repaired}" once repaired.` +
        (options.repairMojibake ? " The repaired text is imported." : " The text is imported as it is."),
    });
    if (options.repairMojibake) text = repaired;
  }

  if (text.includes("\ufffd")) {
    warnings.push({
      row: line,
      column,
      value: raw,
      code: "undecodable_characters",
      message: `"${raw}" contains characters that could not be decoded (shown as �). Save the file as UTF-8 and import it again.`,
    });
  }
  return text;
}

/**
 * Removes the apostrophe that an export puts before a value starting with =, +, - or @ so that
 * spreadsheets do not run it as a formula.
 */
function unescapeFormula(raw: string): string {
  return /^'[=+\-@]/.test(raw) ? raw.slice(1) : raw;
}

const SURROUNDING_SPACE = /^[\s\u00a0\u202f\u200b-\u200d\ufeff]+|[\s\u00a0\u202f\u200b-\u200d\ufeff]+$/g;

/** Returns one-line text trimmed, with inner whitespace runs made one space, in NFC; undefined when empty. */
function cleanText(text: string): string | undefined {
  const cleaned = text
    .replace(SURROUNDING_SPACE, "")
    .replace(/[\s\u00a0\u202f]+/g, " ")
    .normalize("NFC");
  return cleaned === "" ? undefined : cleaned;
}

/** Returns text that may span lines trimmed and in NFC; undefined when empty. */
function cleanMultilineText(text: string): string | undefined {
  const cleaned = text.replace(SURROUNDING_SPACE, "").normalize("NFC");
  return cleaned === "" ? undefined : cleaned;
}

function assignIfPresent<K extends keyof CustomerDraft>(
  draft: CustomerDraft,
  key: K,
  value: CustomerDraft[K] | undefined,
): void {
  if (value !== undefined) draft[key] = value;
}

const TYPE_WORDS: Record<string, CustomerType> = {
  individual: "individual",
  particulier: "individual",
  private: "individual",
  person: "individual",
  personne: "individual",
  b2c: "individual",
  professional: "professional",
  professionnel: "professional",
  pro: "professional",
  business: "professional",
  company: "professional",
  entreprise: "professional",
  societe: "professional",
  b2b: "professional",
};

/** Reads a customer type written in English or French, in any case and with or without accents. */
export function parseCustomerType(text: string): CustomerType | undefined {
  return TYPE_WORDS[headerKey(text)];
}

const LANGUAGE_WORDS: Record<string, Language> = {
  english: "en",
  anglais: "en",
  french: "fr",
  francais: "fr",
};

/** Reads a language given as a code (`fr`, `fr-FR`, `en_GB`) or a name in English or French. */
export function parseLanguage(text: string): Language | undefined {
  const code = /^(en|fr)(?:[-_][a-z0-9]+)*$/i.exec(text.trim());
  if (code) return code[1]!.toLowerCase() as Language;
  return LANGUAGE_WORDS[headerKey(text)];
}

/**
 * Reads a coordinate in decimal degrees, with a decimal comma or dot and an optional trailing °.
 * Returns undefined for any other form, such as degrees and minutes or a thousands separator.
 * Negative zero becomes 0.
 */
export function parseCoordinate(text: string): number | undefined {
  const compact = text.replace(/[\s\u00a0\u202f]/g, "").replace(/°$/, "");
  if (!/^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/.test(compact)) return undefined;
  const value = Number(compact.replace(",", "."));
  return value === 0 ? 0 : value;
}

const COORDINATE_RANGES = {
  latitude: { min: -90, max: 90, code: "invalid_latitude" },
  longitude: { min: -180, max: 180, code: "invalid_longitude" },
} as const;

function readCoordinates(
  line: number,
  cells: Map<CustomerField, Cell>,
  draft: CustomerDraft,
  errors: ImportProblem[],
) {
  const read: Partial<Record<"latitude" | "longitude", number>> = {};
  let failed = false;

  for (const axis of ["latitude", "longitude"] as const) {
    const cell = cells.get(axis);
    const text = cell === undefined ? undefined : cleanText(cell.text);
    if (cell === undefined || text === undefined) continue;
    const { min, max, code } = COORDINATE_RANGES[axis];
    const value = parseCoordinate(text);
    if (value === undefined || value < min || value > max) {
      failed = true;
      const reason =
        value === undefined ? "is not a number in decimal degrees" : `is outside ${min} to ${max}`;
      errors.push({
        row: line,
        column: cell.column,
        value: cell.raw,
        code,
        message: `${capitalize(axis)} "${text}" ${reason}. Write decimal degrees such as ${axis === "latitude" ? "48,6238 or 48.6238" : "2,4410 or -0.5792"}.`,
      });
    } else {
      read[axis] = value;
    }
  }
  if (failed) return;

  if (read.latitude !== undefined && read.longitude !== undefined) {
    draft.latitude = read.latitude;
    draft.longitude = read.longitude;
    return;
  }
  if (read.latitude === undefined && read.longitude === undefined) return;
  const lone = read.latitude !== undefined ? "latitude" : "longitude";
  const missing = lone === "latitude" ? "longitude" : "latitude";
  const cell = cells.get(lone)!;
  errors.push({
    row: line,
    column: cell.column,
    value: cell.raw,
    code: "incomplete_coordinates",
    message: `The row has a ${lone} but no ${missing}. Give both coordinates or neither.`,
  });
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
