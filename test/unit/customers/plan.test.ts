import { describe, expect, it } from "vitest";
import {
  collectReferences,
  ImportPlanError,
  parseCustomerFile,
  planCustomerImport,
} from "../../../src/domain/customers/import/index.js";

const FRANCE = { country: "FR", defaultLanguage: "fr" } as const;

function parseText(text: string) {
  return parseCustomerFile(Buffer.from(text, "utf8"), FRANCE);
}

const WITH_REFERENCES =
  "référence;nom;email\n" +
  "C-001;Fabre;helene.fabre@example.org\n" +
  "C-002;Noël;f.noel@example.org\n" +
  ";Bœuf;zoe.boeuf@example.org\n";

function actionsOf(mode: string, existing: string[]) {
  const result = parseText(WITH_REFERENCES);
  const plan = planCustomerImport(result.rows, {
    mode,
    hasReferenceColumn: result.hasReferenceColumn,
    existingReferences: new Set(existing),
  });
  return plan.actions.map((action) => [
    action.line,
    action.action,
    "reason" in action ? action.reason : undefined,
  ]);
}

describe("planCustomerImport modes", () => {
  it("creates new references and rejects existing ones in create mode", () => {
    expect(actionsOf("create", ["C-001"])).toEqual([
      [2, "reject", "existing_reference"],
      [3, "create", undefined],
      [4, "create", undefined],
    ]);
  });

  it("skips existing references in create-skip-existing mode", () => {
    expect(actionsOf("create-skip-existing", ["C-001"])).toEqual([
      [2, "skip", "existing_reference"],
      [3, "create", undefined],
      [4, "create", undefined],
    ]);
  });

  it("rejects unknown and empty references in update mode", () => {
    expect(actionsOf("update", ["C-001"])).toEqual([
      [2, "update", undefined],
      [3, "reject", "unknown_reference"],
      [4, "reject", "missing_reference"],
    ]);
  });

  it("skips unknown and empty references in update-skip-missing mode", () => {
    expect(actionsOf("update-skip-missing", ["C-001"])).toEqual([
      [2, "update", undefined],
      [3, "skip", "unknown_reference"],
      [4, "skip", "missing_reference"],
    ]);
  });

  it("updates existing references and creates the rest in upsert mode", () => {
    expect(actionsOf("upsert", ["C-001"])).toEqual([
      [2, "update", undefined],
      [3, "create", undefined],
      [4, "create", undefined],
    ]);
  });

  it("gives the reference and draft of an update", () => {
    const result = parseText(WITH_REFERENCES);
    const plan = planCustomerImport(result.rows, {
      mode: "upsert",
      hasReferenceColumn: true,
      existingReferences: new Set(["C-001"]),
    });
    expect(plan.actions[0]).toMatchObject({
      action: "update",
      reference: "C-001",
      draft: { lastName: "Fabre" },
    });
    expect(plan.counts).toEqual({ create: 2, update: 1, skip: 0, reject: 0 });
  });

  it("rejects rows with errors", () => {
    const result = parseText("nom;email\nFabre;bad\n");
    const plan = planCustomerImport(result.rows, {
      mode: "create",
      hasReferenceColumn: false,
      existingReferences: new Set(),
    });
    expect(plan.actions).toEqual([
      {
        line: 2,
        action: "reject",
        reason: "invalid_row",
        message:
          'Row 2 has 1 error: Email "bad" is not a valid address. Use the form name@example.com with no spaces.',
        errors: result.rows[0]!.errors,
      },
    ]);
  });
});

describe("planCustomerImport without a reference column", () => {
  it.each(["update", "update-skip-missing", "upsert", "create-skip-existing"])(
    "refuses the %s mode",
    (mode) => {
      const result = parseText("nom\nFabre\n");
      const plan = () =>
        planCustomerImport(result.rows, { mode, hasReferenceColumn: false, existingReferences: new Set() });
      expect(plan).toThrow(ImportPlanError);
      expect(plan).toThrow(expect.objectContaining({ code: "reference_column_required", mode }));
    },
  );

  it("refuses an unknown mode", () => {
    const plan = () =>
      planCustomerImport([], { mode: "merge", hasReferenceColumn: true, existingReferences: new Set() });
    expect(plan).toThrow(expect.objectContaining({ code: "unknown_mode", mode: "merge" }));
  });

  it("creates every distinct customer", () => {
    const result = parseText("nom\nFabre\nNoël\n");
    const plan = planCustomerImport(result.rows, {
      mode: "create",
      hasReferenceColumn: false,
      existingReferences: new Set(),
    });
    expect(plan.counts).toEqual({ create: 2, update: 0, skip: 0, reject: 0 });
  });
});

describe("duplicate rows", () => {
  it("matches rows without email on a phone number", () => {
    const result = parseText("nom;telephone;portable\nFabre;04 77 00 11 22;\nFabre;;+33 4 77 00 11 22\n");
    expect(result.rows[1]!.duplicateOf).toBe(2);
    expect(result.rows[1]!.warnings).toEqual([
      expect.objectContaining({ row: 3, column: "portable", code: "duplicate_row", relatedRow: 2 }),
    ]);
  });

  it("keeps two customers with different emails and one shared landline", () => {
    const result = parseText(
      "nom;prénom;email;telephone\nFabre;Hélène;h@example.org;04 77 00 11 22\nFabre;Paul;p@example.org;04 77 00 11 22\n",
    );
    expect(result.rows.map((row) => row.duplicateOf)).toEqual([undefined, undefined]);
  });

  it("matches a phone against a row without email", () => {
    const result = parseText(
      "nom;email;telephone\nFabre;;04 77 00 11 22\nFabre;h@example.org;04 77 00 11 22\n",
    );
    expect(result.rows[1]!.duplicateOf).toBe(2);
  });

  it("rejects a reference repeated in the file on the second row", () => {
    const result = parseText("ref;nom\nC-001;Fabre\nC-002;Noël\nC-001;Bœuf\n");
    expect(result.rows[2]!.draft).toBeUndefined();
    expect(result.rows[2]!.errors).toEqual([
      {
        row: 4,
        column: "ref",
        value: "C-001",
        code: "duplicate_reference",
        relatedRow: 2,
        message: 'Reference "C-001" is already used by row 2. Each row needs its own reference.',
      },
    ]);
    expect(result.rows[0]!.errors).toEqual([]);
  });

  it("warns about one email under two references and keeps both", () => {
    const result = parseText("ref;nom;email\nC-001;Fabre;h@example.org\nC-002;Fabre;H@Example.org\n");
    expect(result.rows.map((row) => row.draft?.reference)).toEqual(["C-001", "C-002"]);
    expect(result.rows[1]!.duplicateOf).toBeUndefined();
    expect(result.rows[1]!.warnings).toEqual([
      {
        row: 3,
        column: "email",
        value: "H@Example.org",
        code: "shared_email",
        relatedRow: 2,
        message:
          "Email h@example.org is also used by row 2 (reference C-001), but the two rows stay two customers.",
      },
    ]);
  });

  it("lists the distinct references to look up", () => {
    const result = parseText("ref;nom\nC-001;Fabre\n;Noël\nC-002;Bœuf\nC-001;Zoé\n");
    expect(collectReferences(result.rows)).toEqual(["C-001", "C-002"]);
  });
});
