import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { normalizeEmail } from "../../../src/domain/contact/email.js";
import { phoneLookupCandidates } from "../../../src/domain/contact/phone.js";
import type { CustomerDraft } from "../../../src/domain/customers/customer.js";
import { parseCustomerFile, planCustomerImport } from "../../../src/domain/customers/import/index.js";
import {
  EMAIL_CASE_TEXT,
  EXCEL_TEXT,
  excelUtf8,
  excelWindows1252,
  leaUtf8,
  leaUtf8WithBom,
  leaUtf16leWithBom,
  mojibakeUtf8,
  mojibakeWindows1252,
  OVERSEAS_TEXT,
} from "./case-files.js";

const FRANCE = { country: "FR", defaultLanguage: "fr" } as const;

const LEA: CustomerDraft = {
  type: "individual",
  firstName: "Léa",
  lastName: "Dupré-Hébert",
  displayName: "Léa Dupré-Hébert",
  email: "lea.dupre@example.com",
  emailDisplay: "lea.dupre@example.com",
  phone: "+33612345678",
  address: "12 rue de l'Église 91000 Évry",
  latitude: 48.6238,
  longitude: 2.441,
  language: "fr",
  customFields: {},
};

describe("parseCustomerFile with a byte order mark", () => {
  it.each([
    ["utf-8-bom", leaUtf8WithBom],
    ["utf-8", leaUtf8],
    ["utf-16le", leaUtf16leWithBom],
  ] as const)("reads the %s file with clean header keys", (encoding, build) => {
    const result = parseCustomerFile(build(), FRANCE);

    expect(result.encoding).toBe(encoding);
    expect(result.separator).toBe(";");
    expect(result.headers).toEqual([
      "email",
      "nom",
      "prenom",
      "telephone",
      "adresse",
      "latitude",
      "longitude",
    ]);
    expect(Object.keys(result.rows[0]!.values)).toEqual(result.headers);
    expect(result.mapping.email).toEqual({ kind: "field", field: "email" });
    expect(result.problems).toEqual([]);
    expect(result.rows).toHaveLength(1);
    expect(result.rows[0]!.line).toBe(2);
    expect(result.rows[0]!.errors).toEqual([]);
    expect(result.rows[0]!.warnings).toEqual([]);
    expect(result.rows[0]!.draft).toEqual(LEA);
  });

  it("writes the byte order mark before the first header", () => {
    expect([...leaUtf8WithBom().subarray(0, 8)]).toEqual([0xef, 0xbb, 0xbf, 0x65, 0x6d, 0x61, 0x69, 0x6c]);
    expect([...leaUtf16leWithBom().subarray(0, 4)]).toEqual([0xff, 0xfe, 0x65, 0x00]);
  });

  it("reads quoted headers after a byte order mark", () => {
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('"email";"nom"\n"lea.dupre@example.com";"Dupré-Hébert"\n', "utf8"),
    ]);
    const result = parseCustomerFile(bytes, FRANCE);
    expect(result.headers).toEqual(["email", "nom"]);
    expect(result.rows[0]!.draft?.email).toBe("lea.dupre@example.com");
  });
});

describe("parseCustomerFile with an Excel semicolon export", () => {
  it("builds the Windows-1252 bytes of the accented names", () => {
    const bytes = iconv.encode("Hélène;Saint-Étienne", "windows-1252");
    expect([...bytes]).toEqual([
      0x48, 0xe9, 0x6c, 0xe8, 0x6e, 0x65, 0x3b, 0x53, 0x61, 0x69, 0x6e, 0x74, 0x2d, 0xc9, 0x74, 0x69, 0x65,
      0x6e, 0x6e, 0x65,
    ]);
    expect([...iconv.encode("Bœuf", "windows-1252")]).toEqual([0x42, 0x9c, 0x75, 0x66]);
    expect(excelWindows1252().includes(Buffer.from([0x42, 0x9c, 0x75, 0x66]))).toBe(true);
  });

  it.each([
    ["windows-1252", excelWindows1252],
    ["utf-8", excelUtf8],
  ] as const)("reads names and coordinates from the %s file", (encoding, build) => {
    const result = parseCustomerFile(build(), FRANCE);

    expect(result.encoding).toBe(encoding);
    expect(result.separator).toBe(";");
    expect(result.headers).toEqual(["nom", "prenom", "email", "telephone", "ville", "latitude", "longitude"]);
    expect(result.problems).toEqual([]);
    expect(result.rows.map((row) => row.line)).toEqual([2, 3, 4]);
    expect(result.rows.map((row) => [row.errors, row.warnings])).toEqual([
      [[], []],
      [[], []],
      [[], []],
    ]);
    expect(result.rows.map((row) => row.draft)).toEqual([
      {
        type: "individual",
        lastName: "Fabre",
        firstName: "Hélène",
        displayName: "Hélène Fabre",
        email: "helene.fabre@example.org",
        emailDisplay: "helene.fabre@example.org",
        phone: "+33477001122",
        city: "Saint-Étienne",
        latitude: 45.4397,
        longitude: 4.3872,
        language: "fr",
        customFields: {},
      },
      {
        type: "individual",
        lastName: "Noël",
        firstName: "François",
        displayName: "François Noël",
        email: "f.noel@example.org",
        emailDisplay: "f.noel@example.org",
        phone: "+33123456789",
        city: "Évry-Courcouronnes",
        latitude: 48.6238,
        longitude: 2.441,
        language: "fr",
        customFields: {},
      },
      {
        type: "individual",
        lastName: "Bœuf",
        firstName: "Zoé",
        displayName: "Zoé Bœuf",
        email: "zoe.boeuf@example.org",
        emailDisplay: "zoe.boeuf@example.org",
        phone: "+33556001122",
        city: "Bordeaux",
        latitude: 44.8378,
        longitude: -0.5792,
        language: "fr",
        customFields: {},
      },
    ]);
  });
});

describe("parseCustomerFile with mojibake", () => {
  it("flags and repairs garbled names in a UTF-8 file", () => {
    const result = parseCustomerFile(mojibakeUtf8(), FRANCE);

    expect(result.encoding).toBe("utf-8");
    expect(result.rows[0]!.values.prenom).toBe("HÃ©lÃ¨ne");
    expect(result.rows[0]!.warnings).toEqual([
      expect.objectContaining({
        row: 2,
        column: "prenom",
        value: "HÃ©lÃ¨ne",
        code: "mojibake",
        repairedValue: "Hélène",
      }),
      expect.objectContaining({
        row: 2,
        column: "ville",
        value: "Saint-Ã‰tienne",
        code: "mojibake",
        repairedValue: "Saint-Étienne",
      }),
    ]);
    expect(result.rows[0]!.draft?.firstName).toBe("Hélène");
    expect(result.rows[0]!.draft?.city).toBe("Saint-Étienne");
    expect(result.rows[2]!.draft?.lastName).toBe("Bœuf");
    expect(result.rows[2]!.draft?.firstName).toBe("Zoé");
  });

  it("flags every garbled cell of the file", () => {
    const result = parseCustomerFile(mojibakeUtf8(), FRANCE);
    const flagged = result.rows.flatMap((row) =>
      row.warnings.filter((warning) => warning.code === "mojibake").map((warning) => warning.repairedValue),
    );
    expect(flagged).toEqual([
      "Hélène",
      "Saint-Étienne",
      "Noël",
      "François",
      "Évry-Courcouronnes",
      "Bœuf",
      "Zoé",
    ]);
  });

  it("keeps the garbled text when repair is off, and still warns", () => {
    const result = parseCustomerFile(mojibakeUtf8(), { ...FRANCE, repairMojibake: false });
    expect(result.rows[0]!.draft?.firstName).toBe("HÃ©lÃ¨ne");
    expect(result.rows[0]!.warnings.map((warning) => warning.code)).toEqual(["mojibake", "mojibake"]);
  });

  it("flags garbled rows in a Windows-1252 file and keeps the typed row", () => {
    const result = parseCustomerFile(mojibakeWindows1252(), FRANCE);

    expect(result.encoding).toBe("windows-1252");
    expect(result.rows[0]!.values.prenom).toBe("HÃ©lÃ¨ne");
    expect(result.rows[0]!.warnings[0]).toMatchObject({ code: "mojibake", repairedValue: "Hélène" });
    expect(result.rows[0]!.draft?.firstName).toBe("Hélène");
    expect(result.rows[3]!.draft?.lastName).toBe("Dupré-Hébert");
    expect(result.rows[3]!.warnings).toEqual([]);
  });

  it("reads a Windows-1252 re-save of the garbled text as the original UTF-8", () => {
    const garbled = iconv.decode(Buffer.from(EXCEL_TEXT, "utf8"), "windows-1252");
    const bytes = iconv.encode(garbled, "windows-1252");
    expect(bytes.equals(excelUtf8())).toBe(true);

    const result = parseCustomerFile(bytes, FRANCE);
    expect(result.encoding).toBe("utf-8");
    expect(result.rows[0]!.draft?.firstName).toBe("Hélène");
    expect(result.rows[0]!.warnings).toEqual([]);
  });

  it("never stores garbled text without a warning", () => {
    for (const bytes of [mojibakeUtf8(), mojibakeWindows1252()]) {
      for (const repairMojibake of [true, false]) {
        const result = parseCustomerFile(bytes, { ...FRANCE, repairMojibake });
        for (const row of result.rows) {
          const garbledValues = Object.values(row.draft ?? {}).filter(
            (value) => typeof value === "string" && /Ã|Å“/.test(value),
          );
          const warned = row.warnings
            .filter((warning) => warning.code === "mojibake")
            .map((warning) => warning.value);
          for (const value of garbledValues) {
            expect(warned.some((garbled) => value.includes(garbled))).toBe(true);
          }
        }
      }
    }
  });
});

describe("parseCustomerFile with French overseas customers", () => {
  it("maps national numbers to the region of the postcode", () => {
    const result = parseCustomerFile(Buffer.from(OVERSEAS_TEXT, "utf8"), FRANCE);
    expect(result.rows.map((row) => row.draft?.phone)).toEqual(["+596696123456", "+262692123456"]);
    expect(result.rows.map((row) => row.draft?.postcode)).toEqual(["97200", "97400"]);
  });

  it("maps the numbers without a postcode column", () => {
    const text = OVERSEAS_TEXT.split("\n")
      .map((line) => line.split(";").toSpliced(2, 1).join(";"))
      .join("\n");
    const result = parseCustomerFile(Buffer.from(text, "utf8"), FRANCE);
    expect(result.headers).toEqual(["nom", "prenom", "ville", "telephone"]);
    expect(result.rows.map((row) => row.draft?.phone)).toEqual(["+596696123456", "+262692123456"]);
  });

  it.each(["+596 696 12 34 56", "0696 12 34 56"])("finds the Martinique customer from login %j", (typed) => {
    const result = parseCustomerFile(Buffer.from(OVERSEAS_TEXT, "utf8"), FRANCE);
    expect(phoneLookupCandidates(typed, ["FR"])).toEqual([result.rows[0]!.draft?.phone]);
  });
});

describe("parseCustomerFile phone logins", () => {
  it.each([
    "+33612345678",
    "+33 6 12 34 56 78",
    "0033 6 12 34 56 78",
    "+33 (0)6 12 34 56 78",
    "06.12.34.56.78",
    "+330612345678",
  ])("finds the imported customer from login %j", (typed) => {
    const stored = parseCustomerFile(leaUtf8WithBom(), FRANCE).rows[0]!.draft!.phone!;
    expect(stored).toBe("+33612345678");
    expect(phoneLookupCandidates(typed, ["FR"])).toEqual([stored]);
  });
});

describe("parseCustomerFile with email case and spaces", () => {
  it("reports the second row as a duplicate of the first", () => {
    const result = parseCustomerFile(Buffer.from(EMAIL_CASE_TEXT, "utf8"), FRANCE);

    expect(result.rows[0]!.values.email).toBe("  Lea.Dupre@Example.COM \u00a0");
    expect(result.rows[0]!.draft?.email).toBe("lea.dupre@example.com");
    expect(result.rows[0]!.draft?.emailDisplay).toBe("Lea.Dupre@Example.COM");
    expect(result.rows[1]!.duplicateOf).toBe(2);
    expect(result.rows[1]!.warnings).toEqual([
      expect.objectContaining({ row: 3, column: "email", code: "duplicate_row", relatedRow: 2 }),
    ]);
  });

  it("plans one customer", () => {
    const result = parseCustomerFile(Buffer.from(EMAIL_CASE_TEXT, "utf8"), FRANCE);
    const plan = planCustomerImport(result.rows, {
      mode: "create",
      hasReferenceColumn: result.hasReferenceColumn,
      existingReferences: new Set(),
    });
    expect(plan.counts).toEqual({ create: 1, update: 0, skip: 1, reject: 0 });
    expect(plan.actions[1]).toMatchObject({
      line: 3,
      action: "skip",
      reason: "duplicate_row",
      duplicateOf: 2,
    });
  });

  it.each(["Lea.Dupre@example.com", "lea.dupre@example.com\t", "LEA.DUPRE@EXAMPLE.COM"])(
    "finds the customer from login %j",
    (typed) => {
      const result = parseCustomerFile(Buffer.from(EMAIL_CASE_TEXT, "utf8"), FRANCE);
      expect(normalizeEmail(typed)).toBe(result.rows[0]!.draft?.email);
    },
  );
});
