import { type CsvError, type Info, parse } from "csv-parse/sync";
import type { FileProblem } from "./problems.js";
import type { Separator } from "./separator.js";

export interface CsvRecord {
  /** Line number in the file where the record starts; the first line is 1. */
  line: number;
  fields: string[];
}

export interface CsvRecords {
  records: CsvRecord[];
  problems: FileProblem[];
}

/**
 * Splits decoded text into CSV records, with the line where each starts. Blank lines and lines of
 * separators only, which Excel writes after the last row, are left out. Quotes inside an unquoted
 * value are kept as text (`12 rue de l"Église`). A record that csv-parse cannot read, such as one
 * whose quote is never closed and so swallows the rest of the file, is a file problem at the line
 * where the record starts.
 */
export function readCsvRecords(text: string, separator: Separator): CsvRecords {
  // csv-parse takes the record delimiter from the first line, so a file that mixes line endings
  // would leave "\r" in values. Line breaks inside quoted values become "\n" as well.
  const unixText = text.replace(/\r\n?/g, "\n");
  const records: CsvRecord[] = [];
  const problems: FileProblem[] = [];
  let lastEndLine = 0;

  const parsed = parse(unixText, {
    delimiter: separator,
    record_delimiter: "\n",
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    // Runs while parsing, before a skipped record is reported, so that on_skip can compute the
    // line where the skipped record starts.
    on_record: (record: string[], context: Info) => {
      lastEndLine = context.lines;
      return record;
    },
    on_skip: (error: CsvError | undefined) => {
      const line = firstContentLine(unixText, lastEndLine + 1);
      if (error?.code === "CSV_QUOTE_NOT_CLOSED") {
        problems.push({
          severity: "error",
          code: "quote_not_closed",
          row: line,
          message:
            `The quoted value that starts on line ${line} is never closed, so the rest of the file ` +
            "cannot be read. Close the quote or remove it.",
        });
      } else {
        problems.push({
          severity: "error",
          code: "malformed_csv",
          row: line,
          message: `Line ${line} could not be read as CSV: ${error?.message ?? "unknown error"}.`,
        });
      }
    },
  }) as unknown as { record: string[]; info: Info }[];

  for (const { record, info } of parsed) {
    const endLine = info.lines;
    const breaksInside = record.reduce((sum, field) => sum + countLineBreaks(field), 0);
    if (record.every((field) => field.trim() === "")) continue;
    records.push({ line: endLine - breaksInside, fields: record });
  }
  return { records, problems };
}

function countLineBreaks(value: string): number {
  return value.match(/\n/g)?.length ?? 0;
}

/** Returns the number of the first non-blank line at or after `line`. */
function firstContentLine(text: string, line: number): number {
  const lines = text.split("\n");
  let current = line;
  while (current <= lines.length && lines[current - 1]?.trim() === "") current++;
  return current;
}
