import type { Language } from "../../business-units/localisation.js";
import { CUSTOMER_FIELDS, type CustomerField } from "../customer.js";
import { type ColumnMapping, cleanHeaders, cleanHeaderText, proposeColumnMapping } from "./columns.js";
import { type DetectedEncoding, decodeFileBytes } from "./decode.js";
import { markDuplicateRows } from "./duplicates.js";
import { repairMojibake } from "./mojibake.js";
import type { FileProblem, ImportProblem } from "./problems.js";
import { readCsvRecords } from "./records.js";
import { type ImportRow, normalizeRow } from "./rows.js";
import { detectSeparator, type Separator } from "./separator.js";

export type { ColumnMapping, ColumnTarget } from "./columns.js";
export { COLUMN_LABELS, fieldForHeader, headerKey, proposeColumnMapping } from "./columns.js";
export type { DecodedText, DetectedEncoding } from "./decode.js";
export { decodeFileBytes } from "./decode.js";
export { markDuplicateRows } from "./duplicates.js";
export type {
  ImportMode,
  ImportPlan,
  PlannedAction,
  PlanOptions,
  RejectReason,
  SkipReason,
} from "./plan.js";
export {
  collectReferences,
  IMPORT_MODES,
  ImportPlanError,
  isImportMode,
  planCustomerImport,
} from "./plan.js";
export type {
  FileProblem,
  FileProblemCode,
  ImportProblem,
  RowErrorCode,
  RowWarningCode,
} from "./problems.js";
export type { ImportRow } from "./rows.js";
export { parseCoordinate, parseCustomerType, parseLanguage } from "./rows.js";
export type { Separator, SeparatorDetection } from "./separator.js";
export { detectSeparator, SEPARATORS } from "./separator.js";
export { repairMojibake };

export interface ParseCustomerFileOptions {
  /** ISO 3166-1 alpha-2 code of the business unit's country, for national phone numbers and postcodes. */
  country: string;
  /** Language of customers whose row gives none. */
  defaultLanguage: Language;
  /**
   * Targets chosen by the user, by header text as returned in `headers`. Headers left out keep the
   * proposed target.
   */
  mapping?: ColumnMapping;
  /** Whether drafts take the repaired text of mojibake cells; defaults to true. Both ways warn. */
  repairMojibake?: boolean;
  /** Number of rows in `previewRows`; defaults to 10. */
  previewRowCount?: number;
}

export interface ParsedCustomerFile {
  encoding: DetectedEncoding;
  separator: Separator;
  /** Header texts, cleaned and made unique; they key `mapping` and each row's `values`. */
  headers: string[];
  mapping: ColumnMapping;
  hasReferenceColumn: boolean;
  /** Data rows in file order; blank lines and lines of separators only are left out. */
  rows: ImportRow[];
  /** The first rows, for showing the user what each column contains. */
  previewRows: ImportRow[];
  /** Problems of the file as a whole; the import must not start while one is an error. */
  problems: FileProblem[];
}

const NAME_FIELDS: readonly CustomerField[] = ["lastName", "firstName", "companyName"];

/**
 * Reads a customer file exported from a spreadsheet: detects its encoding and separator, maps its
 * columns and validates every row. Nothing is stored. `planCustomerImport` turns the rows into
 * actions once the existing references are known.
 */
export function parseCustomerFile(bytes: Uint8Array, options: ParseCustomerFileOptions): ParsedCustomerFile {
  const decoded = decodeFileBytes(bytes);
  const problems: FileProblem[] = [];
  if (decoded.otherEncodingGuess !== undefined) {
    problems.push({
      severity: "warning",
      code: "other_encoding_guess",
      message:
        `The file was read as Windows-1252, but its bytes look like ${decoded.otherEncodingGuess}. ` +
        "Check the names in the preview, and save the file as UTF-8 if they are garbled.",
    });
  }

  const detection = detectSeparator(decoded.text);
  const { records, problems: recordProblems } = readCsvRecords(decoded.text, detection.separator);
  problems.push(...recordProblems);

  const headerRecord = records[0];
  if (headerRecord === undefined) {
    problems.push({
      severity: "error",
      code: "empty_file",
      message: "The file has no header line and no rows.",
    });
    return {
      encoding: decoded.encoding,
      separator: detection.separator,
      headers: [],
      mapping: {},
      hasReferenceColumn: false,
      rows: [],
      previewRows: [],
      problems,
    };
  }

  const headers = cleanHeaders(headerRecord.fields);
  reportCleanedHeaders(headerRecord.fields, headers, headerRecord.line, problems);
  if (!detection.consistent) {
    problems.push({
      severity: "warning",
      code: "inconsistent_column_count",
      message:
        `Some of the first rows do not have the header's ${headers.length} columns with the separator ` +
        `"${describeSeparator(detection.separator)}". Each such row is reported with its line number.`,
    });
  }

  const mapping = buildMapping(headers, options.mapping, problems);
  const rowOptions = {
    country: options.country,
    defaultLanguage: options.defaultLanguage,
    repairMojibake: options.repairMojibake ?? true,
  };

  const rows = records.slice(1).map((record): ImportRow => {
    const values: Record<string, string> = {};
    headers.forEach((header, index) => {
      values[header] = record.fields[index] ?? "";
    });
    const shape = checkFieldCount(record.line, record.fields, headers);
    const normalized = normalizeRow(record.line, values, mapping, rowOptions);
    const errors = [...shape.errors, ...normalized.errors];
    const warnings = [...shape.warnings, ...normalized.warnings];
    return errors.length > 0 || normalized.draft === undefined
      ? { line: record.line, values, errors, warnings }
      : { line: record.line, values, draft: normalized.draft, errors, warnings };
  });

  const checkedRows = markDuplicateRows(rows, mapping);
  return {
    encoding: decoded.encoding,
    separator: detection.separator,
    headers,
    mapping,
    hasReferenceColumn: Object.values(mapping).some(
      (target) => target.kind === "field" && target.field === "reference",
    ),
    rows: checkedRows,
    previewRows: checkedRows.slice(0, options.previewRowCount ?? 10),
    problems,
  };
}

/** Merges the user's mapping into the proposed one and reports mappings that cannot apply. */
function buildMapping(
  headers: readonly string[],
  chosen: ColumnMapping | undefined,
  problems: FileProblem[],
): ColumnMapping {
  const mapping = proposeColumnMapping(headers);
  for (const [header, target] of Object.entries(chosen ?? {})) {
    if (!headers.includes(header)) {
      problems.push({
        severity: "error",
        code: "unknown_mapped_header",
        column: header,
        message: `The mapping names column "${header}", which the file does not have. Its columns are ${headers.map((name) => `"${name}"`).join(", ")}.`,
      });
      continue;
    }
    mapping[header] = target;
  }

  for (const field of CUSTOMER_FIELDS) {
    const columns = headers.filter((header) => {
      const target = mapping[header];
      return target?.kind === "field" && target.field === field;
    });
    if (columns.length > 1) {
      problems.push({
        severity: "error",
        code: "duplicate_field_mapping",
        column: columns[1],
        message: `Columns ${columns.map((name) => `"${name}"`).join(" and ")} are both mapped to ${field}. Map only one of them.`,
      });
    }
  }

  const mapsName = Object.values(mapping).some(
    (target) => target.kind === "field" && NAME_FIELDS.includes(target.field),
  );
  if (!mapsName) {
    problems.push({
      severity: "error",
      code: "no_name_column",
      message:
        "No column is mapped to the last name, first name or company name, so no row has a name. " +
        "Map at least one of them.",
    });
  }
  return mapping;
}

/** Reports headers that were repaired or renamed, so that the user recognizes them in the mapping. */
function reportCleanedHeaders(
  rawHeaders: readonly string[],
  headers: readonly string[],
  line: number,
  problems: FileProblem[],
): void {
  headers.forEach((header, index) => {
    const raw = rawHeaders[index] ?? "";
    const text = cleanHeaderText(raw);
    if (repairMojibake(raw.trim()) !== undefined) {
      problems.push({
        severity: "warning",
        code: "mojibake_header",
        row: line,
        column: header,
        message: `Header "${raw.trim()}" looks like UTF-8 text that was opened as Windows-1252, so it is read as "${text}".`,
      });
    }
    if (text !== "" && header !== text) {
      problems.push({
        severity: "warning",
        code: "duplicate_header",
        row: line,
        column: header,
        message: `Column ${index + 1} repeats the header "${text}", so it is called "${header}" here.`,
      });
    }
  });
}

/**
 * Reports a row with more values than the header as an error, because a separator inside an
 * unquoted value shifts every later column. Extra empty values, which some exports add, are
 * ignored. A row with fewer values gets a warning and its last columns are read as empty.
 */
function checkFieldCount(
  line: number,
  fields: readonly string[],
  headers: readonly string[],
): { errors: ImportProblem[]; warnings: ImportProblem[] } {
  const extra = fields.slice(headers.length);
  if (extra.some((value) => value.trim() !== "")) {
    return {
      errors: [
        {
          row: line,
          column: "",
          value: extra.join(" | "),
          code: "too_many_values",
          message:
            `Row ${line} has ${fields.length} values but the header has ${headers.length} columns. ` +
            "Put quotes around values that contain the separator.",
        },
      ],
      warnings: [],
    };
  }
  if (fields.length < headers.length) {
    return {
      errors: [],
      warnings: [
        {
          row: line,
          column: headers[fields.length] ?? "",
          value: "",
          code: "missing_values",
          message: `Row ${line} has ${fields.length} values but the header has ${headers.length} columns, so the last ${headers.length - fields.length} are read as empty.`,
        },
      ],
    };
  }
  return { errors: [], warnings: [] };
}

function describeSeparator(separator: Separator): string {
  return separator === "\t" ? "tab" : separator;
}
