import type {
  DetectedEncoding,
  FileProblem,
  ImportMode,
  ImportProblem,
  RejectReason,
  Separator,
  SkipReason,
} from "../../domain/customers/import/index.js";

export type RowOutcome = "created" | "updated" | "skipped" | "rejected";

/** Outcome of one data row of the file. */
export interface ImportReportRow {
  /** Line number in the file where the row starts; the header is line 1. */
  line: number;
  /** In a dry run, what the import would have done. */
  outcome: RowOutcome;
  /** The customer's reference: from the file, or generated; null when none applies or in a dry run. */
  reference: string | null;
  /** The created or updated customer; null for other outcomes and in a dry run. */
  customerId: string | null;
  /** Reason for the skip or rejection. */
  reason?: SkipReason | RejectReason;
  message?: string;
  /** For a duplicate row: the line of the earlier row that describes the same customer. */
  duplicateOf?: number;
  /** Problems that rejected the row, each naming its column and value. */
  errors: ImportProblem[];
  /** Problems that kept the row, such as repaired mojibake. */
  warnings: ImportProblem[];
  /** The row's cells as decoded from the file, by header. */
  values: Record<string, string>;
}

/** The stored and returned result of one import run. */
export interface ImportReport {
  id: string;
  fileName: string;
  encoding: DetectedEncoding;
  separator: Separator;
  /** `semicolon`, `comma`, `tab` or `pipe`. */
  separatorName: string;
  mode: ImportMode;
  dryRun: boolean;
  created: number;
  updated: number;
  skipped: number;
  rejected: number;
  /** The file's headers, in order; they key each row's `values`. */
  headers: string[];
  /** Warnings about the file as a whole; a file with an error is never imported. */
  problems: FileProblem[];
  rows: ImportReportRow[];
}

const SEPARATOR_NAMES: Record<Separator, string> = {
  ";": "semicolon",
  ",": "comma",
  "\t": "tab",
  "|": "pipe",
};

export function separatorName(separator: Separator): string {
  return SEPARATOR_NAMES[separator];
}

const REPORT_COLUMNS = ["Line", "Outcome", "Reference", "Severity", "Column", "Value", "Code", "Message"];

/**
 * Formats a report as CSV for a spreadsheet: a UTF-8 byte order mark, `;` separators and CRLF
 * line ends. Each problem of a row gets its own line; a row without problems gets one line. The
 * file's own columns follow the report columns with each row's decoded values, so the rejected
 * rows can be corrected in place and imported again.
 */
export function formatImportReportCsv(report: ImportReport): string {
  const lines: string[][] = [[...REPORT_COLUMNS, ...report.headers]];
  for (const row of report.rows) {
    const values = report.headers.map((header) => row.values[header] ?? "");
    const start = [String(row.line), row.outcome, row.reference ?? ""];
    const problems = [
      ...row.errors.map((problem) => ["error", problem] as const),
      ...row.warnings.map((problem) => ["warning", problem] as const),
    ];
    if (problems.length === 0) {
      let severity = "";
      if (row.outcome === "rejected") severity = "error";
      else if (row.message) severity = "info";
      lines.push([...start, severity, "", "", row.reason ?? "", row.message ?? "", ...values]);
      continue;
    }
    for (const [severity, problem] of problems) {
      lines.push([
        ...start,
        severity,
        problem.column,
        problem.value,
        problem.code,
        problem.message,
        ...values,
      ]);
    }
    // A skip or rejection that no problem line explains, such as an unknown reference, gets its own line.
    if (
      row.reason &&
      row.reason !== "invalid_row" &&
      !problems.some(([, problem]) => problem.code === row.reason)
    ) {
      lines.push([
        ...start,
        row.outcome === "rejected" ? "error" : "info",
        "",
        "",
        row.reason,
        row.message ?? "",
        ...values,
      ]);
    }
  }
  return `\ufeff${lines.map((cells) => cells.map(csvCell).join(";")).join("\r\n")}\r\n`;
}

/**
 * Quotes a cell when needed and puts an apostrophe before text that a spreadsheet would run as
 * a formula (starting with =, +, - or @), as the customer export does, because report values
 * come from uploaded files. The importer removes that apostrophe again.
 */
function csvCell(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[";\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}
