/**
 * Whitespace that spreadsheets and phones put around pasted addresses: the ASCII spaces, the
 * no-break spaces U+00A0 and U+202F, and the zero-width characters U+200B–U+200D and U+FEFF.
 */
const SURROUNDING_SPACE = /^[\s\u00a0\u202f\u200b-\u200d\ufeff]+|[\s\u00a0\u202f\u200b-\u200d\ufeff]+$/g;

/** Returns the comparison key of an email address: trimmed, in Unicode NFC and lower-cased. */
export function normalizeEmail(raw: string): string {
  return displayEmail(raw).toLowerCase();
}

/**
 * Returns an email address as the customer typed it, for display and for sending: trimmed and in
 * Unicode NFC, with its letter case kept.
 */
export function displayEmail(raw: string): string {
  return raw.replace(SURROUNDING_SPACE, "").normalize("NFC");
}

/**
 * A practical address check: one @, a dot in the domain, no spaces. Deliverability is only
 * proven by sending, so this rejects typos, not rare valid forms.
 */
export function isPlausibleEmail(normalized: string): boolean {
  return /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(normalized) && normalized.length <= 254;
}
