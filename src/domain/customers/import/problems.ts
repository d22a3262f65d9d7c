/** Problems that reject a row. */
export type RowErrorCode =
  | "too_many_values"
  | "missing_name"
  | "invalid_type"
  | "invalid_email"
  | "invalid_phone"
  | "missing_trunk_prefix"
  | "invalid_latitude"
  | "invalid_longitude"
  | "incomplete_coordinates"
  | "duplicate_reference";

/** Problems that keep the row but that the user should review before the import. */
export type RowWarningCode =
  | "mojibake"
  | "undecodable_characters"
  | "missing_values"
  | "unsupported_language"
  | "postcode_padded"
  | "duplicate_row"
  | "shared_email";

/** A problem found in one cell or row of an imported file. Messages are in English. */
export interface ImportProblem {
  /** Line number in the file where the row starts; the header is line 1. */
  row: number;
  /** Header text of the column, or "" when the problem concerns the whole row. */
  column: string;
  /** The cell's text as read from the file, or "" for a whole-row problem. */
  value: string;
  code: RowErrorCode | RowWarningCode;
  message: string;
  /** For `mojibake`: the text before UTF-8 was misread as Windows-1252. */
  repairedValue?: string;
  /** For `duplicate_row`, `duplicate_reference` and `shared_email`: the line of the earlier row. */
  relatedRow?: number;
}

export type FileProblemCode =
  | "empty_file"
  | "quote_not_closed"
  | "malformed_csv"
  | "duplicate_header"
  | "mojibake_header"
  | "inconsistent_column_count"
  | "other_encoding_guess"
  | "unknown_mapped_header"
  | "duplicate_field_mapping"
  | "no_name_column";

/** A problem with the file as a whole. An import must not start while one has severity "error". */
export interface FileProblem {
  severity: "error" | "warning";
  code: FileProblemCode;
  message: string;
  /** Line number where the problem starts, when it has one. */
  row?: number;
  /** Header text, when the problem concerns one column. */
  column?: string;
}
