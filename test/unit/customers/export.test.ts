import { describe, expect, it } from "vitest";
import type { CustomerDraft } from "../../../src/domain/customers/customer.js";
import { formatCustomersCsv } from "../../../src/domain/customers/export.js";
import { parseCustomerFile } from "../../../src/domain/customers/import/index.js";

const CUSTOMERS: CustomerDraft[] = [
  {
    reference: "C-001",
    type: "individual",
    firstName: "Léa",
    lastName: "Dupré-Hébert",
    displayName: "Léa Dupré-Hébert",
    email: "lea.dupre@example.com",
    emailDisplay: "Lea.Dupre@Example.com",
    phone: "+33612345678",
    address: "12 rue de l'Église",
    additionalAddress: "Bâtiment B; 2e étage",
    postcode: "91000",
    city: "Évry",
    latitude: 48.6238,
    longitude: 2.441,
    language: "fr",
    comments: 'Sonner deux fois.\nLe code est "1234".',
    customFields: { Secteur: "Sud", "Numéro de contrat": "=A1" },
  },
  {
    reference: "C-002",
    type: "professional",
    companyName: "Plomberie Bœuf",
    displayName: "Plomberie Bœuf",
    phone: "+596696123456",
    mobile: "+262692123456",
    postcode: "01000",
    city: "Bourg-en-Bresse",
    latitude: 44.8378,
    longitude: -0.5792,
    language: "en",
    comments: "-- urgent --",
    customFields: { Secteur: "Nord" },
  },
  {
    type: "individual",
    lastName: "Zoé",
    displayName: "Zoé",
    language: "fr",
    customFields: {},
  },
];

function roundTrip(text: string) {
  return parseCustomerFile(Buffer.from(text, "utf8"), { country: "FR", defaultLanguage: "fr" });
}

describe("formatCustomersCsv", () => {
  it.each([
    [";", "fr"],
    [",", "en"],
    ["\t", "en"],
    ["|", "fr"],
  ] as const)("gives back the same drafts with separator %j and %s headers", (separator, language) => {
    const text = formatCustomersCsv(CUSTOMERS, { separator, language });
    const result = roundTrip(text);

    expect(result.encoding).toBe("utf-8-bom");
    expect(result.separator).toBe(separator);
    expect(result.problems).toEqual([]);
    expect(result.hasReferenceColumn).toBe(true);
    expect(result.rows.map((row) => row.errors)).toEqual([[], [], []]);
    expect(result.rows.map((row) => row.warnings)).toEqual([[], [], []]);
    expect(result.rows.map((row) => row.draft)).toEqual(CUSTOMERS);
  });

  it("starts with a byte order mark and writes French headers", () => {
    const text = formatCustomersCsv(CUSTOMERS.slice(0, 1), {
      language: "fr",
      columns: ["lastName", "firstName", "email"],
    });
    expect(text).toBe("\ufeffNom;Prénom;E-mail\r\nDupré-Hébert;Léa;Lea.Dupre@Example.com\r\n");
    expect([...Buffer.from(text, "utf8").subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it("writes phones in international format and coordinates with decimal commas", () => {
    const text = formatCustomersCsv(CUSTOMERS.slice(1, 2), {
      columns: ["companyName", "phone", "latitude", "longitude"],
    });
    expect(text).toBe(
      "\ufeffCompany;Phone;Latitude;Longitude\r\nPlomberie Bœuf;+596 696 12 34 56;44,8378;-0,5792\r\n",
    );
  });

  it("writes decimal dots with the comma separator", () => {
    const text = formatCustomersCsv(CUSTOMERS.slice(1, 2), {
      separator: ",",
      columns: ["latitude", "longitude"],
    });
    expect(text).toBe("\ufeffLatitude,Longitude\r\n44.8378,-0.5792\r\n");
  });

  it("quotes separators, quotes and line breaks", () => {
    const text = formatCustomersCsv(CUSTOMERS.slice(0, 1), { columns: ["additionalAddress", "comments"] });
    expect(text).toBe(
      '\ufeffAdditional address;Comments\r\n"Bâtiment B; 2e étage";"Sonner deux fois.\nLe code est ""1234""."\r\n',
    );
  });

  it("escapes values that a spreadsheet would run as formulas", () => {
    const text = formatCustomersCsv(
      [
        {
          ...CUSTOMERS[2]!,
          lastName: '=HYPERLINK("x")',
          comments: "@SUM(A1)",
          customFields: { Note: "'=A1" },
        },
      ],
      { columns: ["lastName", "comments", { custom: "Note" }] },
    );
    expect(text).toBe('\ufeffLast name;Comments;Note\r\n"\'=HYPERLINK(""x"")";\'@SUM(A1);\'\'=A1\r\n');
  });

  it("lists custom fields after the customer fields by default", () => {
    const header = formatCustomersCsv(CUSTOMERS).split("\r\n")[0];
    expect(header).toBe(
      "\ufeffReference;Type;Last name;First name;Company;Email;Phone;Mobile;Address;Additional address;Postcode;City;" +
        "Latitude;Longitude;Language;Comments;Secteur;Numéro de contrat",
    );
  });
});
