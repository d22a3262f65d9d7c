import type { CustomerDraft } from "../customer.js";
import type { ImportProblem } from "./problems.js";
import type { ImportRow } from "./rows.js";

/**
 * Import modes, which decide what happens to a row whose reference matches an existing customer:
 * - `create`: creates every row; an existing reference rejects the row.
 * - `create-skip-existing`: creates new references and skips existing ones.
 * - `update`: updates existing references; an unknown or empty reference rejects the row.
 * - `update-skip-missing`: updates existing references and skips the others.
 * - `upsert`: updates existing references and creates the others.
 */
export const IMPORT_MODES = [
  "create",
  "create-skip-existing",
  "update",
  "update-skip-missing",
  "upsert",
] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

export function isImportMode(value: string): value is ImportMode {
  return (IMPORT_MODES as readonly string[]).includes(value);
}

/** Raised when the import mode cannot apply to the file, before any row is planned. */
export class ImportPlanError extends Error {
  override readonly name = "ImportPlanError";

  constructor(
    readonly code: "reference_column_required" | "unknown_mode",
    readonly mode: string,
    message: string,
  ) {
    super(message);
  }
}

export type SkipReason = "duplicate_row" | "existing_reference" | "unknown_reference" | "missing_reference";
export type RejectReason = "invalid_row" | "existing_reference" | "unknown_reference" | "missing_reference";

export type PlannedAction =
  | { line: number; action: "create"; draft: CustomerDraft }
  | { line: number; action: "update"; reference: string; draft: CustomerDraft }
  | { line: number; action: "skip"; reason: SkipReason; message: string; duplicateOf?: number }
  | { line: number; action: "reject"; reason: RejectReason; message: string; errors: ImportProblem[] };

export interface ImportPlan {
  mode: ImportMode;
  actions: PlannedAction[];
  counts: Record<PlannedAction["action"], number>;
}

export interface PlanOptions {
  mode: string;
  /** Whether a column of the file is mapped to the reference field. */
  hasReferenceColumn: boolean;
  /** References of the business unit's existing customers, at least those that `collectReferences` lists. */
  existingReferences: ReadonlySet<string>;
}

/** Returns the distinct references of the rows that have a draft, to look up existing customers. */
export function collectReferences(rows: readonly ImportRow[]): string[] {
  const references = new Set<string>();
  for (const row of rows) {
    if (row.draft?.reference !== undefined) references.add(row.draft.reference);
  }
  return [...references];
}

/**
 * Decides what the import does with each row.
 *
 * Rows with errors are rejected and duplicate rows are skipped. Without a reference column only
 * `create` applies, and the service generates the references. Throws ImportPlanError for an
 * unknown mode, or for an update mode on a file without a reference column.
 */
export function planCustomerImport(rows: readonly ImportRow[], options: PlanOptions): ImportPlan {
  const mode = options.mode;
  if (!isImportMode(mode)) {
    throw new ImportPlanError(
      "unknown_mode",
      mode,
      `Import mode "${mode}" is unknown; use one of ${IMPORT_MODES.join(", ")}.`,
    );
  }
  if (!options.hasReferenceColumn && mode !== "create") {
    throw new ImportPlanError(
      "reference_column_required",
      mode,
      `Import mode "${mode}" matches customers by reference, but the file has no reference column. ` +
        'Map a column to the reference field, or use the "create" mode.',
    );
  }

  const actions = rows.map((row) => planRow(row, mode, options.existingReferences));
  const counts = { create: 0, update: 0, skip: 0, reject: 0 };
  for (const action of actions) counts[action.action]++;
  return { mode, actions, counts };
}

function planRow(row: ImportRow, mode: ImportMode, existingReferences: ReadonlySet<string>): PlannedAction {
  const line = row.line;
  const draft = row.draft;
  if (draft === undefined || row.errors.length > 0) {
    const count = row.errors.length;
    return {
      line,
      action: "reject",
      reason: "invalid_row",
      message: `Row ${line} has ${count} ${count === 1 ? "error" : "errors"}: ${row.errors.map((error) => error.message).join(" ")}`,
      errors: row.errors,
    };
  }
  if (row.duplicateOf !== undefined) {
    return {
      line,
      action: "skip",
      reason: "duplicate_row",
      message: `Row ${line} is a duplicate of row ${row.duplicateOf}.`,
      duplicateOf: row.duplicateOf,
    };
  }

  const reference = draft.reference;
  if (reference === undefined) {
    if (mode === "update") {
      return reject(
        line,
        "missing_reference",
        `Row ${line} has no reference, so no customer can be updated.`,
      );
    }
    if (mode === "update-skip-missing") {
      return skip(line, "missing_reference", `Row ${line} has no reference, so it is skipped.`);
    }
    return { line, action: "create", draft };
  }

  const exists = existingReferences.has(reference);
  switch (mode) {
    case "create":
      return exists
        ? reject(
            line,
            "existing_reference",
            `A customer with reference "${reference}" already exists; use the update or upsert mode to change it.`,
          )
        : { line, action: "create", draft };
    case "create-skip-existing":
      return exists
        ? skip(
            line,
            "existing_reference",
            `A customer with reference "${reference}" already exists, so row ${line} is skipped.`,
          )
        : { line, action: "create", draft };
    case "update":
      return exists
        ? { line, action: "update", reference, draft }
        : reject(
            line,
            "unknown_reference",
            `No customer has reference "${reference}", so row ${line} cannot update one.`,
          );
    case "update-skip-missing":
      return exists
        ? { line, action: "update", reference, draft }
        : skip(
            line,
            "unknown_reference",
            `No customer has reference "${reference}", so row ${line} is skipped.`,
          );
    case "upsert":
      return exists ? { line, action: "update", reference, draft } : { line, action: "create", draft };
  }
}

function reject(line: number, reason: RejectReason, message: string): PlannedAction {
  return { line, action: "reject", reason, message, errors: [] };
}

function skip(line: number, reason: SkipReason, message: string): PlannedAction {
  return { line, action: "skip", reason, message };
}
