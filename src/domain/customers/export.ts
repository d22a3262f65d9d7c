import { formatPhoneInternational } from "../contact/phone.js";
import { CUSTOMER_FIELDS, type CustomerDraft, type CustomerField, type CustomerType } from "./customer.js";
import { COLUMN_LABELS } from "./import/columns.js";
import type { Separator } from "./import/separator.js";

/** A column of an exported file: a customer field, or a custom field by name. */
export type ExportColumn = CustomerField | { custom: string };

/** The customer data that an export writes; stored customers have these properties and more. */
export type ExportableCustomer = Omit<CustomerDraft, "displayName">;

export interface CustomersCsvOptions {
  /** Defaults to `;`, which Excel expects in French and other locales with a decimal comma. */
  separator?: Separator;
  /** Defaults to every customer field, then the custom fields in order of first appearance. */
  columns?: readonly ExportColumn[];
  /** Language of the headers and of the customer type values; defaults to en. */
  language?: "en" | "fr";
  /** Decimal mark of the coordinates; defaults to `,` with the `;` separator and `.` otherwise. */
  decimalSeparator?: "." | ",";
}

const TYPE_LABELS: Record<"en" | "fr", Record<CustomerType, string>> = {
  en: { individual: "individual", professional: "professional" },
  fr: { individual: "particulier", professional: "professionnel" },
};

/**
 * Formats customers as CSV text that `parseCustomerFile` reads back to the same drafts: it starts
 * with a UTF-8 byte order mark, so that Excel detects the encoding, and ends lines with CRLF.
 * Encode the text as UTF-8 to get the file's bytes.
 *
 * Phone numbers are written in international format (`+33 6 12 34 56 78`). Text values that start
 * with =, +, - or @ get a leading apostrophe, so that spreadsheets do not run them as formulas, and
 * the importer removes it.
 *
 * NOTE: a custom field whose name is also a header of a customer field, such as "Notes", is read
 * back into that customer field.
 */
export function formatCustomersCsv(
  customers: readonly ExportableCustomer[],
  options: CustomersCsvOptions = {},
): string {
  const separator = options.separator ?? ";";
  const language = options.language ?? "en";
  const decimalSeparator = options.decimalSeparator ?? (separator === ";" ? "," : ".");
  const columns = options.columns ?? defaultColumns(customers);

  const header = columns.map((column) =>
    typeof column === "string" ? COLUMN_LABELS[language][column] : column.custom,
  );
  const lines = [
    header,
    ...customers.map((customer) => columns.map((column) => cellOf(customer, column))),
  ].map((cells) => cells.map((cell) => quoteCell(cell, separator)).join(separator));
  return `\ufeff${lines.join("\r\n")}\r\n`;

  function cellOf(customer: ExportableCustomer, column: ExportColumn): string {
    if (typeof column !== "string") return escapeFormula(customer.customFields[column.custom] ?? "");
    switch (column) {
      case "type":
        return TYPE_LABELS[language][customer.type];
      case "email":
        return escapeFormula(customer.emailDisplay ?? customer.email ?? "");
      case "phone":
      case "mobile": {
        const number = customer[column];
        return number === undefined ? "" : formatPhoneInternational(number);
      }
      case "latitude":
      case "longitude": {
        const degrees = customer[column];
        return degrees === undefined ? "" : String(degrees).replace(".", decimalSeparator);
      }
      case "language":
        return customer.language;
      default:
        return escapeFormula(customer[column] ?? "");
    }
  }
}

function defaultColumns(customers: readonly ExportableCustomer[]): ExportColumn[] {
  const customNames = new Set<string>();
  for (const customer of customers) {
    for (const name of Object.keys(customer.customFields)) customNames.add(name);
  }
  return [...CUSTOMER_FIELDS, ...[...customNames].map((custom) => ({ custom }))];
}

/**
 * Puts an apostrophe before a value that starts with =, +, - or @, after any apostrophes already
 * there, so that the importer's removal of one apostrophe gives the value back.
 */
function escapeFormula(value: string): string {
  return /^'*[=+\-@]/.test(value) ? `'${value}` : value;
}

/** Quotes a value that contains the separator, a quote or a line break, or that starts or ends with a space. */
function quoteCell(value: string, separator: string): string {
  const needsQuotes = value.includes(separator) || /["\r\n]/.test(value) || value !== value.trim();
  return needsQuotes ? `"${value.replace(/"/g, '""')}"` : value;
}
