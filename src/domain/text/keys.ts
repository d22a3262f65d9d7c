/**
 * Returns the key that names are compared and sorted on: lower-cased, without accents and with
 * single spaces. PGlite sorts with the C collation, so the database is given this key instead.
 */
export function searchKey(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/[\s\u00a0\u202f]+/g, " ")
    .trim();
}
