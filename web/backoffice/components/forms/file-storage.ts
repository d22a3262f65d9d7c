import { ApiError, type ApiErrorDetails, CLIENT_ERROR_CODES, segment } from "../../../shared/api";

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

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; requestId?: unknown; details?: ApiErrorDetails };
}

/**
 * Sends the raw bytes of one file. The shared JSON client sends only JSON bodies, so this request
 * builds the same `ApiError` from the server's error body itself.
 */
async function uploadRaw(buId: string, content: Blob, fileName: string): Promise<StoredFile> {
  const url = `/api/business-units/${segment(buId)}/files?fileName=${encodeURIComponent(fileName)}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { Accept: "application/json", "Content-Type": "application/octet-stream" },
      body: content,
    });
  } catch (error) {
    throw new ApiError(
      0,
      CLIENT_ERROR_CODES.network,
      `Upload of ${fileName} failed: ${String(error)}`,
      undefined,
      undefined,
    );
  }

  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  if (response.ok) {
    return body as StoredFile;
  }

  const error = (body as ErrorBody | undefined)?.error;
  const requestId = response.headers.get("x-request-id") ?? undefined;
  if (typeof error?.code === "string" && typeof error.message === "string") {
    const errorRequestId = typeof error.requestId === "string" ? error.requestId : requestId;
    throw new ApiError(response.status, error.code, error.message, errorRequestId, error.details);
  }
  throw new ApiError(
    response.status,
    CLIENT_ERROR_CODES.unexpectedResponse,
    `Unexpected HTTP ${response.status} response to an upload, without an error body`,
    requestId,
    undefined,
  );
}

/** Returns the file storage of a business unit for staff screens: `POST /api/business-units/:buId/files`. */
export function staffFileStorage(buId: string): FileStorage {
  return {
    upload: (content, fileName) => uploadRaw(buId, content, fileName),
    url: (fileId) => `/api/files/${segment(fileId)}`,
  };
}
