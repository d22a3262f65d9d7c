/**
 * Windows-1252 bytes 0x80–0x9F whose characters differ from ISO-8859-1, by character. Bytes 0x81,
 * 0x8D, 0x8F, 0x90 and 0x9D have no character. Some decoders turn them into the C1 controls of
 * the same value, which `encodeWindows1252` maps back through its identity range.
 */
const WINDOWS_1252_HIGH: Record<string, number> = {
  "€": 0x80,
  "‚": 0x82,
  ƒ: 0x83,
  "„": 0x84,
  "…": 0x85,
  "†": 0x86,
  "‡": 0x87,
  ˆ: 0x88,
  "‰": 0x89,
  Š: 0x8a,
  "‹": 0x8b,
  Œ: 0x8c,
  Ž: 0x8e,
  "\u2018": 0x91,
  "\u2019": 0x92,
  "\u201c": 0x93,
  "\u201d": 0x94,
  "•": 0x95,
  "–": 0x96,
  "—": 0x97,
  "˜": 0x98,
  "™": 0x99,
  š: 0x9a,
  "›": 0x9b,
  œ: 0x9c,
  ž: 0x9e,
  Ÿ: 0x9f,
};

/** Characters that start the Windows-1252 reading of a UTF-8 lead byte (0xC2–0xF4). */
const MOJIBAKE_LEAD = /[\u00c2-\u00f4]/;

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Returns the text that `value` was before UTF-8 bytes were read as Windows-1252, such as
 * `Hélène` for `HÃ©lÃ¨ne`, or undefined when `value` does not look like that mojibake. Text that
 * was misread twice is repaired twice.
 *
 * A value counts as mojibake only when its Windows-1252 bytes form valid UTF-8 with at least one
 * multi-byte sequence. Real French, English and most Western text fails that test, because an
 * accented letter there is followed by a plain letter, not by a byte from 0x80 to 0xBF.
 */
export function repairMojibake(value: string): string | undefined {
  let current = value;
  for (let pass = 0; pass < 2; pass++) {
    const repaired = decodeOnce(current);
    if (repaired === undefined) break;
    current = repaired;
  }
  return current === value ? undefined : current;
}

function decodeOnce(value: string): string | undefined {
  if (!MOJIBAKE_LEAD.test(value)) return undefined;
  const bytes = encodeWindows1252(value);
  if (bytes === undefined) return undefined;
  try {
    const decoded = strictUtf8.decode(bytes);
    return decoded === value ? undefined : decoded;
  } catch {
    return undefined;
  }
}

/** Encodes text as Windows-1252, or returns undefined when a character has no byte there. */
function encodeWindows1252(text: string): Uint8Array | undefined {
  const bytes = new Uint8Array(text.length);
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    const code = char.charCodeAt(0);
    const high = WINDOWS_1252_HIGH[char];
    if (high !== undefined) {
      bytes[index] = high;
    } else if (code <= 0xff) {
      bytes[index] = code;
    } else {
      return undefined;
    }
  }
  return bytes;
}
