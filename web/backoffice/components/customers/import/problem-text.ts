import i18next from "i18next";
import type { FileProblem, ImportProblem, ImportReportRow } from "../../../lib/customers";
import { splitCustomerApiError } from "../api-errors";

/** Codes of row problems that have a translation; the server's English message covers the others. */
const ROW_PROBLEM_CODES = [
  "too_many_values",
  "missing_name",
  "invalid_type",
  "invalid_email",
  "invalid_phone",
  "missing_trunk_prefix",
  "invalid_latitude",
  "invalid_longitude",
  "incomplete_coordinates",
  "duplicate_reference",
  "mojibake",
  "undecodable_characters",
  "missing_values",
  "unsupported_language",
  "postcode_padded",
  "duplicate_row",
  "shared_email",
] as const;
type RowProblemCode = (typeof ROW_PROBLEM_CODES)[number];

const FILE_PROBLEM_CODES = [
  "empty_file",
  "quote_not_closed",
  "malformed_csv",
  "duplicate_header",
  "mojibake_header",
  "inconsistent_column_count",
  "other_encoding_guess",
  "unknown_mapped_header",
  "duplicate_field_mapping",
  "no_name_column",
  "too_many_custom_fields",
] as const;
type FileProblemCode = (typeof FILE_PROBLEM_CODES)[number];

/** Reasons of skipped and rejected rows that no row problem explains. */
const OUTCOME_REASONS = [
  "duplicate_row",
  "existing_reference",
  "unknown_reference",
  "missing_reference",
] as const;
type OutcomeReason = (typeof OUTCOME_REASONS)[number];

function isOneOf<T extends string>(list: readonly T[], code: string | undefined): code is T {
  return code !== undefined && (list as readonly string[]).includes(code);
}

/** Describes a problem of one cell or row in the UI language, naming the value as the file has it. */
export function describeRowProblem(problem: ImportProblem): string {
  if (!isOneOf<RowProblemCode>(ROW_PROBLEM_CODES, problem.code)) {
    return problem.message;
  }
  return i18next.t(`customers:import.rowProblems.${problem.code}`, {
    value: problem.value,
    column: problem.column,
    repairedValue: problem.repairedValue ?? "",
    relatedRow: problem.relatedRow ?? "",
    row: problem.row,
  });
}

/** Describes a problem of the whole file in the UI language. */
export function describeFileProblem(problem: FileProblem): string {
  if (!isOneOf<FileProblemCode>(FILE_PROBLEM_CODES, problem.code)) {
    return problem.message;
  }
  return i18next.t(`customers:import.fileProblems.${problem.code}`, {
    column: problem.column ?? "",
    row: problem.row ?? "",
  });
}

/** Describes why a row was skipped or rejected when no problem of the row explains it. */
export function describeOutcomeReason(row: ImportReportRow): string {
  if (!isOneOf<OutcomeReason>(OUTCOME_REASONS, row.reason)) {
    return row.message ?? "";
  }
  return i18next.t(`customers:import.reasons.${row.reason}`, {
    reference: row.reference ?? "",
    relatedRow: row.duplicateOf ?? "",
  });
}

/**
 * Describes a rejected preview or import request. A `validation_failed` response names the file
 * or mode problem in `details.fields`, which is more specific than the message of the code.
 */
export function describeImportRequestError(error: unknown): string {
  return splitCustomerApiError(error, () => false).formError;
}
