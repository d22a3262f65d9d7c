import { ApiError, type ApiErrorDetails, CLIENT_ERROR_CODES } from "../../shared/api";

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; requestId?: unknown; details?: ApiErrorDetails };
}

/**
 * Sends raw bytes as the request body and returns the parsed JSON response. The shared JSON
 * client sends only JSON bodies, so this request builds the same `ApiError` from the server's
 * error body itself. `what` names the upload in the message of a network failure.
 */
export async function postRawBody<T>(
  url: string,
  content: Blob,
  contentType: string,
  what: string,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { Accept: "application/json", "Content-Type": contentType },
      body: content,
    });
  } catch (error) {
    throw new ApiError(
      0,
      CLIENT_ERROR_CODES.network,
      `Upload of ${what} failed: ${String(error)}`,
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
    return body as T;
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
