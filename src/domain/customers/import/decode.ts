import chardet from "chardet";
import iconv from "iconv-lite";

export type DetectedEncoding = "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be" | "windows-1252";

export interface DecodedText {
  encoding: DetectedEncoding;
  /** The decoded text without its byte order mark. */
  text: string;
  /**
   * Set when chardet's best guess for a file that is not UTF-8 is an encoding of another script,
   * such as windows-1251 for Cyrillic. The file is still read as Windows-1252.
   */
  otherEncodingGuess?: string;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Encodings of non-Latin scripts, as chardet 2 names them. When chardet ranks one of them first,
 * reading the file as Windows-1252 probably garbles it.
 */
const OTHER_SCRIPT_ENCODINGS = new Set([
  "windows-1251",
  "KOI8-R",
  "ISO-8859-5",
  "ISO-8859-6",
  "ISO-8859-7",
  "ISO-8859-8",
  "windows-1253",
  "windows-1255",
  "windows-1256",
  "Shift_JIS",
  "EUC-JP",
  "EUC-KR",
  "GB18030",
  "Big5",
  "ISO-2022-JP",
  "ISO-2022-KR",
  "ISO-2022-CN",
]);

/**
 * Decodes the bytes of a spreadsheet export.
 *
 * A byte order mark decides first (UTF-8, UTF-16LE, UTF-16BE). Without one, UTF-16 is recognized
 * from its zero bytes, bytes that are valid UTF-8 are UTF-8, and anything else is Windows-1252,
 * the encoding of Excel's "CSV" export on Western Windows. Windows-1252 is used rather than
 * ISO-8859-1 because it maps bytes 0x80–0x9F to characters such as `œ` (0x9C) and `€` (0x80).
 */
export function decodeFileBytes(bytes: Uint8Array): DecodedText {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    return { encoding: "utf-8-bom", text: decodeUtf8Lenient(bytes.subarray(3)) };
  }
  if (startsWith(bytes, [0xff, 0xfe])) {
    return { encoding: "utf-16le", text: iconv.decode(toBuffer(bytes.subarray(2)), "utf-16le") };
  }
  if (startsWith(bytes, [0xfe, 0xff])) {
    return { encoding: "utf-16be", text: iconv.decode(toBuffer(bytes.subarray(2)), "utf-16be") };
  }

  const utf16 = guessUtf16WithoutBom(bytes);
  if (utf16 !== undefined) {
    return { encoding: utf16, text: iconv.decode(toBuffer(bytes), utf16) };
  }

  try {
    return { encoding: "utf-8", text: strictUtf8.decode(bytes) };
  } catch {
    const text = iconv.decode(toBuffer(bytes), "windows-1252");
    const guess = chardet.detect(bytes);
    if (guess !== null && OTHER_SCRIPT_ENCODINGS.has(guess)) {
      return { encoding: "windows-1252", text, otherEncodingGuess: guess };
    }
    return { encoding: "windows-1252", text };
  }
}

/**
 * Recognizes UTF-16 text without a byte order mark from the zero high bytes of its ASCII
 * characters: in a CSV file most characters are ASCII, so at least a third of the bytes at one
 * parity are zero and almost none at the other.
 */
function guessUtf16WithoutBom(bytes: Uint8Array): "utf-16le" | "utf-16be" | undefined {
  if (bytes.length < 4 || bytes.length % 2 !== 0) return undefined;
  let zerosAtEven = 0;
  let zerosAtOdd = 0;
  for (let index = 0; index < bytes.length; index++) {
    if (bytes[index] !== 0) continue;
    if (index % 2 === 0) zerosAtEven++;
    else zerosAtOdd++;
  }
  const pairs = bytes.length / 2;
  if (zerosAtOdd >= pairs / 3 && zerosAtEven <= pairs / 100) return "utf-16le";
  if (zerosAtEven >= pairs / 3 && zerosAtOdd <= pairs / 100) return "utf-16be";
  return undefined;
}

/**
 * Decodes UTF-8 that a byte order mark announced. Invalid sequences become U+FFFD, which the
 * row checks then report, because the mark is stronger evidence than a few bad bytes.
 */
function decodeUtf8Lenient(bytes: Uint8Array): string {
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
