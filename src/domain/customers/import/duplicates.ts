import type { CustomerField } from "../customer.js";
import type { ColumnMapping } from "./columns.js";
import type { ImportProblem } from "./problems.js";
import type { ImportRow } from "./rows.js";

/**
 * Finds rows of one file that describe the same customer, and returns the rows with those findings
 * added. Rows with errors take no part.
 *
 * A row without a reference is a duplicate of an earlier row with the same email address, or,
 * when one of the two has no email address, with a phone or mobile number in common. It gets
 * `duplicateOf` and a `duplicate_row` warning, so one customer is imported. A row whose reference
 * an earlier row already has gets a `duplicate_reference` error. Two rows with different references
 * and the same email address stay two customers, and the later one gets a `shared_email` warning.
 */
export function markDuplicateRows(rows: readonly ImportRow[], mapping: ColumnMapping): ImportRow[] {
  const lineByReference = new Map<string, number>();
  const ownerByEmail = new Map<string, { line: number; reference?: string }>();
  const ownerByPhone = new Map<string, { line: number; hasEmail: boolean }>();
  const columnOf = (field: CustomerField) =>
    Object.entries(mapping).find(([, target]) => target.kind === "field" && target.field === field)?.[0] ??
    "";

  return rows.map((original) => {
    const row: ImportRow = { ...original, errors: [...original.errors], warnings: [...original.warnings] };
    const draft = row.draft;
    if (draft === undefined) return row;

    const problem = (field: CustomerField, relatedRow: number) => {
      const column = columnOf(field);
      return {
        row: row.line,
        column,
        value: row.values[column] ?? "",
        relatedRow,
      } satisfies Partial<ImportProblem>;
    };

    if (draft.reference !== undefined) {
      const earlierLine = lineByReference.get(draft.reference);
      if (earlierLine !== undefined) {
        row.errors.push({
          ...problem("reference", earlierLine),
          code: "duplicate_reference",
          message: `Reference "${draft.reference}" is already used by row ${earlierLine}. Each row needs its own reference.`,
        });
        delete row.draft;
        return row;
      }
      lineByReference.set(draft.reference, row.line);

      const emailOwner = draft.email === undefined ? undefined : ownerByEmail.get(draft.email);
      if (emailOwner !== undefined) {
        const owner =
          emailOwner.reference === undefined
            ? `row ${emailOwner.line}`
            : `row ${emailOwner.line} (reference ${emailOwner.reference})`;
        row.warnings.push({
          ...problem("email", emailOwner.line),
          code: "shared_email",
          message: `Email ${draft.email} is also used by ${owner}, but the two rows stay two customers.`,
        });
      }
    } else {
      const duplicate = findEarlierCustomer(draft, ownerByEmail, ownerByPhone);
      if (duplicate !== undefined) {
        row.duplicateOf = duplicate.line;
        row.warnings.push({
          ...problem(duplicate.field, duplicate.line),
          code: "duplicate_row",
          message:
            `Row ${row.line} has the same ${duplicate.field === "email" ? "email address" : "phone number"} ` +
            `as row ${duplicate.line}, so it is a duplicate of row ${duplicate.line} and is not imported again.`,
        });
        return row;
      }
    }

    if (draft.email !== undefined && !ownerByEmail.has(draft.email)) {
      ownerByEmail.set(draft.email, { line: row.line, reference: draft.reference });
    }
    for (const number of [draft.phone, draft.mobile]) {
      if (number !== undefined && !ownerByPhone.has(number)) {
        ownerByPhone.set(number, { line: row.line, hasEmail: draft.email !== undefined });
      }
    }
    return row;
  });
}

function findEarlierCustomer(
  draft: NonNullable<ImportRow["draft"]>,
  ownerByEmail: ReadonlyMap<string, { line: number }>,
  ownerByPhone: ReadonlyMap<string, { line: number; hasEmail: boolean }>,
): { line: number; field: CustomerField } | undefined {
  if (draft.email !== undefined) {
    const owner = ownerByEmail.get(draft.email);
    if (owner !== undefined) return { line: owner.line, field: "email" };
  }
  for (const field of ["phone", "mobile"] as const) {
    const number = draft[field];
    const owner = number === undefined ? undefined : ownerByPhone.get(number);
    if (owner !== undefined && (draft.email === undefined || !owner.hasEmail)) {
      return { line: owner.line, field };
    }
  }
  return undefined;
}
