/**
 * File types accepted as uploads, recognized from their first bytes rather than from the name or
 * the header the browser sends, so that a file is always served with the type it really has.
 */
export const ACCEPTED_FILE_TYPES = ["image/png", "image/jpeg", "image/webp", "application/pdf"] as const;
export type AcceptedFileType = (typeof ACCEPTED_FILE_TYPES)[number];

export function sniffContentType(bytes: Uint8Array): AcceptedFileType | undefined {
  const startsWith = (signature: number[], offset = 0) =>
    signature.every((byte, index) => bytes[offset + index] === byte);
  if (startsWith([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith([0xff, 0xd8, 0xff])) return "image/jpeg";
  // "RIFF", four bytes of length, then "WEBP".
  if (startsWith([0x52, 0x49, 0x46, 0x46]) && startsWith([0x57, 0x45, 0x42, 0x50], 8)) return "image/webp";
  if (startsWith([0x25, 0x50, 0x44, 0x46, 0x2d])) return "application/pdf";
  return undefined;
}
