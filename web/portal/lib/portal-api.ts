import { ApiError, type ApiErrorDetails, CLIENT_ERROR_CODES } from "../../shared/api";
import { readPreviewToken } from "./preview";

/**
 * JSON client for `/portal-api`. It differs from the shared client in one way: a tab that opened
 * a staff preview sends the preview token in `X-Rondo-Preview` on every request, and the server then responds as the previewed customer and rejects changes with `preview_read_only`.
 *
 * NOTE: the error parsing repeats the private helpers of `web/shared/api.ts`, which takes no
 * extra request headers. Once the shared client accepts headers, this file can call it.
 */

const PREVIEW_HEADER = "X-Rondo-Preview";

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === "") {
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

interface ErrorBody {
  error: { code: string; message: string; requestId?: string; details?: ApiErrorDetails };
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== "object" || value === null || !("error" in value)) {
    return false;
  }
  const error = (value as { error: unknown }).error;
  return (
    typeof error === "object" &&
    error !== null &&
    typeof (error as { code?: unknown }).code === "string" &&
    typeof (error as { message?: unknown }).message === "string"
  );
}

async function toApiError(response: Response): Promise<ApiError> {
  const body = await readJson(response);
  const headerRequestId = response.headers.get("x-request-id") ?? undefined;
  if (isErrorBody(body)) {
    const { code, message, requestId, details } = body.error;
    return new ApiError(response.status, code, message, requestId ?? headerRequestId, details);
  }
  return new ApiError(
    response.status,
    CLIENT_ERROR_CODES.unexpectedResponse,
    `Unexpected HTTP ${response.status} response without an error body`,
    headerRequestId,
    undefined,
  );
}

/**
 * Sends one request and returns the parsed JSON body, or `undefined` for an empty body (204).
 * Throws `ApiError` for any non-2xx response and for network failures (status 0).
 *
 * NOTE: the response body is cast to `T` without checking its shape at run time.
 */
async function portalRequest<T>(
  method: string,
  path: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  const previewToken = readPreviewToken();
  if (previewToken !== null) {
    headers[PREVIEW_HEADER] = previewToken;
  }
  const init: RequestInit = { method, headers, credentials: "same-origin", signal };
  // Fastify rejects an empty body sent as application/json, so only requests with a body declare it.
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }

  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    if (signal?.aborted) {
      throw error;
    }
    throw new ApiError(
      0,
      CLIENT_ERROR_CODES.network,
      `Request to ${path} failed: ${String(error)}`,
      undefined,
      undefined,
    );
  }

  if (!response.ok) {
    throw await toApiError(response);
  }
  return (await readJson(response)) as T;
}

export const portalApi = {
  get: <T>(path: string, signal?: AbortSignal) => portalRequest<T>("GET", path, undefined, signal),
  post: <T>(path: string, body?: unknown) => portalRequest<T>("POST", path, body),
};
