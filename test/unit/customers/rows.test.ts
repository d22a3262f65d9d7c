import { describe, expect, it } from "vitest";
import {
  type ImportRow,
  type ParseCustomerFileOptions,
  parseCoordinate,
  parseCustomerFile,
  parseLanguage,
} from "../../../src/domain/customers/import/index.js";

const FRANCE = { country: "FR", defaultLanguage: "fr" } as const;

function parseText(text: string, options: Partial<ParseCustomerFileOptions> = {}) {
  return parseCustomerFile(Buffer.from(text, "utf8"), { ...FRANCE, ...options });
}

function onlyRow(text: string, options: Partial<ParseCustomerFileOptions> = {}): ImportRow {
  const result = parseText(text, options);
  expect(result.rows).toHaveLength(1);
  return result.rows[0]!;
}

describe("parseCoordinate", () => {
  it.each([
    ["48,6238", 48.6238],
    ["48.6238", 48.6238],
    ["-0,5792", -0.5792],
    ["+2.4410", 2.441],
    [" 45,4397 ", 45.4397],
    ["45°", 45],
    ["-0", 0],
    [",5", 0.5],
  ])("reads %j as %d", (text, value) => {
    expect(parseCoordinate(text)).toBe(value);
  });

  it.each(["48°37'25\"N", "1.234,5", "48,62,38", "abc", "", "1e3"])("rejects %j", (text) => {
    expect(parseCoordinate(text)).toBeUndefined();
  });
});

describe("parseLanguage", () => {
  it.each([
    ["fr", "fr"],
    ["FR", "fr"],
    ["fr-FR", "fr"],
    ["en_GB", "en"],
    ["English", "en"],
    ["Français", "fr"],
    ["anglais", "en"],
    ["de", undefined],
    ["french fries", undefined],
  ])("reads %j as %s", (text, language) => {
    expect(parseLanguage(text)).toBe(language);
  });
});

describe("parseCustomerFile rows", () => {
  it("rejects out-of-range coordinates", () => {
    const row = onlyRow("nom;latitude;longitude\nFabre;91;4,38\n");
    expect(row.draft).toBeUndefined();
    expect(row.errors).toEqual([
      {
        row: 2,
        column: "latitude",
        value: "91",
        code: "invalid_latitude",
        message: 'Latitude "91" is outside -90 to 90. Write decimal degrees such as 48,6238 or 48.6238.',
      },
    ]);
  });

  it("rejects a longitude beyond 180", () => {
    const row = onlyRow("nom;latitude;longitude\nFabre;45;-180,5\n");
    expect(row.errors.map((error) => [error.column, error.code])).toEqual([
      ["longitude", "invalid_longitude"],
    ]);
  });

  it("rejects a latitude without longitude", () => {
    const row = onlyRow("nom;latitude;longitude\nFabre;45,4397;\n");
    expect(row.errors).toEqual([
      {
        row: 2,
        column: "latitude",
        value: "45,4397",
        code: "incomplete_coordinates",
        message: "The row has a latitude but no longitude. Give both coordinates or neither.",
      },
    ]);
  });

  it("rejects a latitude in a file without a longitude column", () => {
    const row = onlyRow("nom;lat\nFabre;45,4397\n");
    expect(row.errors.map((error) => error.code)).toEqual(["incomplete_coordinates"]);
  });

  it("accepts a row without coordinates", () => {
    const row = onlyRow("nom;latitude;longitude\nFabre;;\n");
    expect(row.errors).toEqual([]);
    expect(row.draft?.latitude).toBeUndefined();
    expect(row.draft?.longitude).toBeUndefined();
  });

  it("infers a professional from the company name", () => {
    const row = onlyRow("société;nom;prénom\nPlomberie Martin;Martin;Paul\n");
    expect(row.draft).toMatchObject({
      type: "professional",
      companyName: "Plomberie Martin",
      lastName: "Martin",
      firstName: "Paul",
      displayName: "Plomberie Martin",
    });
  });

  it("infers an individual without a company name", () => {
    const row = onlyRow("société;nom;prénom\n;Martin;Paul\n");
    expect(row.draft).toMatchObject({ type: "individual", displayName: "Paul Martin" });
  });

  it("takes the type column over the inference", () => {
    const row = onlyRow("type;société;nom;prénom\nParticulier;Plomberie Martin;Martin;Paul\n");
    expect(row.draft).toMatchObject({ type: "individual", displayName: "Paul Martin" });
  });

  it("rejects an unknown type", () => {
    const row = onlyRow("type;nom\nVIP;Martin\n");
    expect(row.errors.map((error) => [error.column, error.value, error.code])).toEqual([
      ["type", "VIP", "invalid_type"],
    ]);
  });

  it("rejects a row without any name", () => {
    const row = onlyRow("nom;prénom;email\n;;a@example.com\n");
    expect(row.errors.map((error) => [error.row, error.column, error.code])).toEqual([
      [2, "nom", "missing_name"],
    ]);
  });

  it("collapses spaces inside names and composes accents", () => {
    const row = onlyRow("nom;prénom\n  Dupré-Hébert \u00a0; Le\u0301a   Marie \n");
    expect(row.draft?.lastName).toBe("Dupré-Hébert");
    expect(row.draft?.firstName).toBe("Léa Marie");
  });

  it("rejects an invalid email", () => {
    const row = onlyRow("nom;email\nFabre;helene.fabre@example\n");
    expect(row.errors.map((error) => [error.column, error.value, error.code])).toEqual([
      ["email", "helene.fabre@example", "invalid_email"],
    ]);
  });

  it("reports phone problems with their column", () => {
    const row = onlyRow("nom;telephone;portable\nFabre;612345678;06 12\n");
    expect(row.errors.map((error) => [error.row, error.column, error.value, error.code])).toEqual([
      [2, "telephone", "612345678", "missing_trunk_prefix"],
      [2, "portable", "06 12", "invalid_phone"],
    ]);
  });

  it("stores phone and mobile in E.164", () => {
    const row = onlyRow("nom;fixe;gsm\nFabre;01 23 45 67 89;+33 (0)6 12 34 56 78\n");
    expect(row.draft?.phone).toBe("+33123456789");
    expect(row.draft?.mobile).toBe("+33612345678");
  });

  it("restores the leading 0 of a French postcode", () => {
    const row = onlyRow("nom;code postal\nFabre;1000\n");
    expect(row.draft?.postcode).toBe("01000");
    expect(row.warnings.map((warning) => [warning.column, warning.value, warning.code])).toEqual([
      ["code postal", "1000", "postcode_padded"],
    ]);
  });

  it("keeps a 4-digit postcode outside France", () => {
    const row = onlyRow("name;postcode\nPeeters;1000\n", { country: "BE" });
    expect(row.draft?.postcode).toBe("1000");
    expect(row.warnings).toEqual([]);
  });

  it("sets the language from the row or the default", () => {
    const result = parseText("nom;langue\nSmith;English\nFabre;\nMüller;de\n");
    expect(result.rows.map((row) => row.draft?.language)).toEqual(["en", "fr", "fr"]);
    expect(result.rows[2]!.warnings.map((warning) => [warning.column, warning.code])).toEqual([
      ["langue", "unsupported_language"],
    ]);
  });

  it("keeps unknown columns as custom fields by header", () => {
    const row = onlyRow("nom;Secteur;Numéro de contrat\nFabre;Nord;\n");
    expect(row.draft?.customFields).toEqual({ Secteur: "Nord" });
  });

  it("keeps line breaks in comments", () => {
    const row = onlyRow('nom;commentaires\nFabre;"Sonner deux fois.\r\nChien dans le jardin."\n');
    expect(row.draft?.comments).toBe("Sonner deux fois.\nChien dans le jardin.");
  });

  it("removes the formula escape of an export", () => {
    const row = onlyRow("nom;commentaires\nFabre;'=1+1\n");
    expect(row.draft?.comments).toBe("=1+1");
  });

  it("numbers rows by the line where they start", () => {
    const text = 'nom;commentaires\nFabre;"ligne 1\nligne 2"\n\nNoël;x\n;\nBœuf;"a\n\nb"\nZoé;y\n';
    const result = parseText(text);
    expect(result.rows.map((row) => [row.line, row.draft?.lastName])).toEqual([
      [2, "Fabre"],
      [5, "Noël"],
      [7, "Bœuf"],
      [10, "Zoé"],
    ]);
  });

  it("numbers rows of a file with CR line ends", () => {
    const result = parseText("nom;ville\rFabre;Lyon\rNoël;Paris\r");
    expect(result.rows.map((row) => [row.line, row.draft?.city])).toEqual([
      [2, "Lyon"],
      [3, "Paris"],
    ]);
  });

  it("rejects a row with more values than columns", () => {
    const row = onlyRow("nom;ville\nFabre;Saint;Étienne\n");
    expect(row.errors).toEqual([
      {
        row: 2,
        column: "",
        value: "Étienne",
        code: "too_many_values",
        message:
          "Row 2 has 3 values but the header has 2 columns. Put quotes around values that contain the separator.",
      },
    ]);
  });

  it("ignores empty extra values", () => {
    const row = onlyRow("nom;ville\nFabre;Lyon;;\n");
    expect(row.errors).toEqual([]);
    expect(row.draft?.city).toBe("Lyon");
  });

  it("warns about a row with fewer values", () => {
    const row = onlyRow("nom;ville;cp\nFabre\n");
    expect(row.draft?.lastName).toBe("Fabre");
    expect(row.warnings.map((warning) => [warning.column, warning.code])).toEqual([
      ["ville", "missing_values"],
    ]);
  });

  it("warns about characters that could not be decoded", () => {
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from("nom\nDupr"),
      Buffer.from([0xe9, 0x0a]),
    ]);
    const row = parseCustomerFile(bytes, FRANCE).rows[0]!;
    expect(row.draft?.lastName).toBe("Dupr\ufffd");
    expect(row.warnings.map((warning) => [warning.column, warning.code])).toEqual([
      ["nom", "undecodable_characters"],
    ]);
  });

  it("reports all problems of a row at once", () => {
    const row = onlyRow("nom;email;telephone;latitude;longitude\n;bad;123;95;\n");
    expect(row.errors.map((error) => error.code)).toEqual([
      "missing_name",
      "invalid_email",
      "missing_trunk_prefix",
      "invalid_latitude",
    ]);
  });
});

describe("parseCustomerFile file problems", () => {
  it("reports an empty file", () => {
    const result = parseCustomerFile(Buffer.from([0xef, 0xbb, 0xbf]), FRANCE);
    expect(result.problems.map((problem) => [problem.severity, problem.code])).toEqual([
      ["error", "empty_file"],
    ]);
    expect(result.rows).toEqual([]);
  });

  it("reports a quote that is never closed", () => {
    const result = parseText('nom;ville\nFabre;Lyon\n\nNoël;"Paris\nBœuf;Bordeaux\n');
    expect(result.rows.map((row) => row.line)).toEqual([2]);
    expect(result.problems.map((problem) => [problem.severity, problem.code, problem.row])).toEqual([
      ["error", "quote_not_closed", 4],
    ]);
  });

  it("keeps a quote inside an unquoted value", () => {
    const row = onlyRow('nom;adresse\nFabre;12 rue de l"Église\n');
    expect(row.draft?.address).toBe('12 rue de l"Église');
  });

  it("reports a file without a name column", () => {
    const result = parseText("email;ville\na@example.com;Lyon\n");
    expect(result.problems.map((problem) => [problem.severity, problem.code])).toEqual([
      ["error", "no_name_column"],
    ]);
  });

  it("reports repeated headers", () => {
    const result = parseText("nom;tel;tel\nFabre;01 23 45 67 89;06 12 34 56 78\n");
    expect(result.headers).toEqual(["nom", "tel", "tel (2)"]);
    expect(result.mapping["tel (2)"]).toEqual({ kind: "custom", name: "tel (2)" });
    expect(result.problems.map((problem) => [problem.code, problem.column])).toEqual([
      ["duplicate_header", "tel (2)"],
    ]);
  });

  it("reports and repairs a garbled header", () => {
    const result = parseText("nom;PrÃ©nom\nFabre;Hélène\n");
    expect(result.headers).toEqual(["nom", "Prénom"]);
    expect(result.mapping.Prénom).toEqual({ kind: "field", field: "firstName" });
    expect(result.problems.map((problem) => [problem.severity, problem.code])).toEqual([
      ["warning", "mojibake_header"],
    ]);
  });

  it("warns when the first rows do not fit the header", () => {
    const result = parseText("nom;ville\nFabre;Saint;Étienne\nNoël;Évry;x\n");
    expect(result.problems.map((problem) => [problem.severity, problem.code])).toEqual([
      ["warning", "inconsistent_column_count"],
    ]);
  });

  it("applies the user's mapping over the proposal", () => {
    const result = parseText("nom;Secteur;tel\nFabre;Nord;06 12 34 56 78\n", {
      mapping: { Secteur: { kind: "field", field: "city" }, tel: { kind: "ignore" } },
    });
    expect(result.problems).toEqual([]);
    expect(result.rows[0]!.draft).toMatchObject({ city: "Nord", customFields: {} });
    expect(result.rows[0]!.draft?.phone).toBeUndefined();
  });

  it("reports a mapping of an unknown header", () => {
    const result = parseText("nom\nFabre\n", { mapping: { Nom: { kind: "ignore" } } });
    expect(result.problems.map((problem) => [problem.code, problem.column])).toEqual([
      ["unknown_mapped_header", "Nom"],
    ]);
  });

  it("reports two columns mapped to one field", () => {
    const result = parseText("nom;ville;commune\nFabre;Lyon;Lyon 3e\n", {
      mapping: { commune: { kind: "field", field: "city" } },
    });
    expect(result.problems.map((problem) => [problem.code, problem.column])).toEqual([
      ["duplicate_field_mapping", "commune"],
    ]);
  });

  it("limits the preview rows", () => {
    const text = `nom\n${Array.from({ length: 15 }, (_, index) => `Nom ${index}`).join("\n")}\n`;
    expect(parseText(text).previewRows.map((row) => row.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(parseText(text, { previewRowCount: 2 }).previewRows.map((row) => row.line)).toEqual([2, 3]);
  });
});
