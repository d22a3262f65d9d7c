/**
 * SMS length and segment count. A text made only of characters of the GSM 03.38 default alphabet
 * (3GPP TS 23.038) is sent in GSM-7: 160 septets in one message, 153 per segment when concatenated.
 * Any other character switches the whole text to UCS-2: 70 UTF-16 code units, 67 per segment.
 */

/** The GSM 03.38 default alphabet, one septet each (the escape code 0x1B left out). */
const GSM_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
  "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

/** Characters of the GSM 03.38 extension table, two septets each (escape plus code). */
const GSM_EXTENSION = "\f^{}\\[~]|€";

const GSM_BASIC_SET = new Set(GSM_BASIC);
const GSM_EXTENSION_SET = new Set(GSM_EXTENSION);

export type SmsEncoding = "GSM-7" | "UCS-2";

export interface SmsLength {
  encoding: SmsEncoding;
  /** Unicode code points, as a person counts characters. */
  characters: number;
  /** Septets for GSM-7, UTF-16 code units for UCS-2. */
  units: number;
  /** Messages the text is split into, or 0 for an empty text. */
  segments: number;
}

const LIMITS: Record<SmsEncoding, { single: number; segment: number }> = {
  "GSM-7": { single: 160, segment: 153 },
  "UCS-2": { single: 70, segment: 67 },
};

/** Returns whether every character of the text is in the GSM 03.38 default alphabet or its extension. */
export function isGsm7(text: string): boolean {
  for (const character of text) {
    if (!GSM_BASIC_SET.has(character) && !GSM_EXTENSION_SET.has(character)) return false;
  }
  return true;
}

/**
 * Measures an SMS text. Segments are filled greedily, and a GSM-7 extension character or a UTF-16
 * surrogate pair is never split across two segments, so a long text may need one segment more than
 * its units divided by the segment size.
 */
export function measureSms(text: string): SmsLength {
  const encoding: SmsEncoding = isGsm7(text) ? "GSM-7" : "UCS-2";
  const sizes = [...text].map((character) => characterUnits(character, encoding));
  const units = sizes.reduce((sum, size) => sum + size, 0);
  const limits = LIMITS[encoding];

  let segments = 0;
  if (units > 0 && units <= limits.single) {
    segments = 1;
  } else if (units > limits.single) {
    let used = limits.segment;
    for (const size of sizes) {
      if (used + size > limits.segment) {
        segments += 1;
        used = 0;
      }
      used += size;
    }
  }
  return { encoding, characters: sizes.length, units, segments };
}

function characterUnits(character: string, encoding: SmsEncoding): number {
  if (encoding === "UCS-2") return character.length;
  return GSM_EXTENSION_SET.has(character) ? 2 : 1;
}
