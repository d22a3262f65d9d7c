import iconv from "iconv-lite";

/**
 * Byte contents of the customer files that the import tests read. The same bytes are stored in
 * test/fixtures/csv for the browser and CLI tests, and `fixtures.test.ts` checks that they agree.
 */

/** One customer, as a French user types it. The address contains the postcode and city. */
export const LEA_TEXT =
  "email;nom;prenom;telephone;adresse;latitude;longitude\n" +
  "lea.dupre@example.com;Dupré-Hébert;Léa;06 12 34 56 78;12 rue de l'Église 91000 Évry;48,6238;2,4410\n";

export const UTF8_BOM = [0xef, 0xbb, 0xbf];
export const UTF16LE_BOM = [0xff, 0xfe];

export function leaUtf8WithBom(): Buffer {
  return Buffer.concat([Buffer.from(UTF8_BOM), Buffer.from(LEA_TEXT, "utf8")]);
}

export function leaUtf8(): Buffer {
  return Buffer.from(LEA_TEXT, "utf8");
}

export function leaUtf16leWithBom(): Buffer {
  return Buffer.concat([Buffer.from(UTF16LE_BOM), iconv.encode(LEA_TEXT, "utf-16le")]);
}

/** Excel's "CSV (séparateur: point-virgule)" export: `;`, decimal commas, CRLF line ends. */
export const EXCEL_TEXT = [
  "nom;prenom;email;telephone;ville;latitude;longitude",
  "Fabre;Hélène;helene.fabre@example.org;04 77 00 11 22;Saint-Étienne;45,4397;4,3872",
  "Noël;François;f.noel@example.org;01 23 45 67 89;Évry-Courcouronnes;48,6238;2,4410",
  "Bœuf;Zoé;zoe.boeuf@example.org;05 56 00 11 22;Bordeaux;44,8378;-0,5792",
  "",
].join("\r\n");

export function excelWindows1252(): Buffer {
  return iconv.encode(EXCEL_TEXT, "windows-1252");
}

export function excelUtf8(): Buffer {
  return Buffer.from(EXCEL_TEXT, "utf8");
}

/**
 * Builds the Excel text as it is after a UTF-8 copy was opened as Windows-1252, so that it reads
 * `HÃ©lÃ¨ne`, and saved as UTF-8. Every editor then shows the garbled names.
 */
export function mojibakeUtf8(): Buffer {
  const garbled = iconv.decode(Buffer.from(EXCEL_TEXT, "utf8"), "windows-1252");
  return Buffer.from(garbled, "utf8");
}

/** A row typed in Excel after the garbled copy was opened, saved in Windows-1252. */
export const TYPED_ROW = "Dupré-Hébert;Léa;lea.dupre@example.com;06 12 34 56 78;Évry;48,6238;2,4410\r\n";

/**
 * Builds the garbled text saved as Windows-1252, plus `TYPED_ROW` with its real `é` (byte E9).
 * Without that row the bytes would equal the UTF-8 original. With it they are not valid UTF-8,
 * so the file is read as Windows-1252 and the first rows read `HÃ©lÃ¨ne`.
 */
export function mojibakeWindows1252(): Buffer {
  const garbled = iconv.decode(Buffer.from(EXCEL_TEXT, "utf8"), "windows-1252");
  return iconv.encode(garbled + TYPED_ROW, "windows-1252");
}

/** Customers in Martinique and Réunion with national numbers of the French plan. */
export const OVERSEAS_TEXT =
  "nom;prenom;code postal;ville;telephone\n" +
  "Laurent;Marie;97200;Fort-de-France;0696 12 34 56\n" +
  "Hoarau;Jean;97400;Saint-Denis;0692 12 34 56\n";

/** The same customer twice: spaces and a no-break space around a capitalized address, then lower case. */
export const EMAIL_CASE_TEXT =
  "nom;prenom;email\n" +
  'Dupré-Hébert;Léa;"  Lea.Dupre@Example.COM \u00a0"\n' +
  "Dupré-Hébert;Léa;lea.dupre@example.com\n";

/** File name under test/fixtures/csv → bytes. */
export const FIXTURE_FILES: Record<string, () => Buffer> = {
  "bom-utf8-semicolon.csv": leaUtf8WithBom,
  "utf8-semicolon.csv": leaUtf8,
  "utf16le-bom.csv": leaUtf16leWithBom,
  "excel-windows-1252.csv": excelWindows1252,
  "excel-utf8.csv": excelUtf8,
  "mojibake-utf8.csv": mojibakeUtf8,
  "mojibake-cp1252.csv": mojibakeWindows1252,
  "overseas-phones.csv": () => Buffer.from(OVERSEAS_TEXT, "utf8"),
  "email-case-duplicates.csv": () => Buffer.from(EMAIL_CASE_TEXT, "utf8"),
};
