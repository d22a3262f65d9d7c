import { segment } from "../../../shared/api";
import { postRawBody } from "../../lib/raw-upload";

/** A file stored by the server, as `POST /files` returns it. */
export interface StoredFile {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
}

/**
 * Storage that receives the signature and file answers of the form renderer. The answer itself
 * stores only the file id, so `url` builds the address to show or download a stored file.
 */
export interface FileStorage {
  upload(content: Blob, fileName: string): Promise<StoredFile>;
  url(fileId: string): string;
}

/** Types that the server accepts; it reads the type from the bytes, so this only filters the picker. */
export const ACCEPTED_FILE_TYPES = "image/png,image/jpeg,image/webp,application/pdf";

/** Upload limit of the server, 10 MB, checked first so a large photo fails before it is sent. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** Sends the raw bytes of one file; the server reads its type from the bytes. */
function uploadRaw(buId: string, content: Blob, fileName: string): Promise<StoredFile> {
  const url = `/api/business-units/${segment(buId)}/files?fileName=${encodeURIComponent(fileName)}`;
  return postRawBody<StoredFile>(url, content, "application/octet-stream", fileName);
}

/** Returns the file storage of a business unit for staff screens: `POST /api/business-units/:buId/files`. */
export function staffFileStorage(buId: string): FileStorage {
  return {
    upload: (content, fileName) => uploadRaw(buId, content, fileName),
    url: (fileId) => `/api/files/${segment(fileId)}`,
  };
}
