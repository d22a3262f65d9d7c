export const SEPARATORS = [";", ",", "\t", "|"] as const;
export type Separator = (typeof SEPARATORS)[number];

export interface SeparatorDetection {
  separator: Separator;
  /** Number of columns in the header with this separator. */
  columnCount: number;
  /** Whether every sampled data row has as many fields as the header. */
  consistent: boolean;
}

/** Data rows read after the header to check the column count. */
const SAMPLE_ROWS = 50;

/**
 * Share of sampled rows that must have the header's field count for a separator to count as
 * steady, so that one comment with a stray separator does not hand the choice to another one.
 */
const STEADY_SHARE = 0.9;

/**
 * Detects the field separator from the header and the first data rows, counting separators
 * outside double quotes.
 *
 * Only separators that occur in the header are candidates, so the decimal commas of a French
 * Excel file (`48,6238`) cannot make `,` win over a `;` header. Among the candidates that give
 * at least 90% of the sampled rows the header's field count, the one with the most header columns
 * wins, and ties go in the order `;`, `,`, tab, `|`. When no candidate is that steady, the one
 * that fits the most rows wins. A header without any separator is a one-column file, and gets the
 * separator that occurs least in the data so that no row is split.
 */
export function detectSeparator(text: string): SeparatorDetection {
  const lines = splitRecords(text, SAMPLE_ROWS + 1).filter((line) => line.trim() !== "");
  const header = lines[0] ?? "";
  const rows = lines.slice(1);

  const scored = SEPARATORS.map((separator, order) => {
    const headerCount = countOutsideQuotes(header, separator);
    const matchingRows = rows.filter((row) => countOutsideQuotes(row, separator) === headerCount).length;
    const dataCount = rows.reduce((sum, row) => sum + countOutsideQuotes(row, separator), 0);
    return { separator, order, headerCount, matchingRows, dataCount };
  });

  const candidates = scored.filter((score) => score.headerCount > 0);
  if (candidates.length === 0) {
    const quietest = [...scored].sort((a, b) => a.dataCount - b.dataCount || a.order - b.order)[0]!;
    return { separator: quietest.separator, columnCount: 1, consistent: quietest.dataCount === 0 };
  }

  const steady = candidates.filter((score) => score.matchingRows >= rows.length * STEADY_SHARE);
  const best =
    steady.length > 0
      ? [...steady].sort((a, b) => b.headerCount - a.headerCount || a.order - b.order)[0]!
      : [...candidates].sort(
          (a, b) => b.matchingRows - a.matchingRows || b.headerCount - a.headerCount || a.order - b.order,
        )[0]!;
  return {
    separator: best.separator,
    columnCount: best.headerCount + 1,
    consistent: best.matchingRows === rows.length,
  };
}

/**
 * Splits text into at most `limit` CSV records, keeping line breaks that are inside double
 * quotes. A quote opens a quoted section anywhere, which is enough for counting separators.
 */
function splitRecords(text: string, limit: number): string[] {
  const records: string[] = [];
  let start = 0;
  let quoted = false;
  for (let index = 0; index < text.length && records.length < limit; index++) {
    const char = text[index];
    if (char === '"') {
      quoted = !quoted;
    } else if (!quoted && (char === "\n" || char === "\r")) {
      records.push(text.slice(start, index));
      if (char === "\r" && text[index + 1] === "\n") index++;
      start = index + 1;
    }
  }
  if (records.length < limit && start < text.length) records.push(text.slice(start));
  return records;
}

function countOutsideQuotes(line: string, separator: string): number {
  let count = 0;
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === separator) count++;
  }
  return count;
}
