/**
 * JSON client for the Rondo HTTP API. The server and the pages share one origin, so the
 * httpOnly session cookie travels with `credentials: "same-origin"`.
 */

export interface ApiFieldError {
  /** Dotted path of the invalid field in the request body, for example `timeZone` or `roles.0`. */
  path: string;
  /** English message from the server. The UI shows a translation instead when `code` has one. */
  message: string;
  code?: string;
  value?: unknown;
}

export interface ApiErrorDetails {
  fields?: ApiFieldError[];
  retryAfterSeconds?: number;
}

/** Codes that the client produces itself when no error body from the server is available. */
export const CLIENT_ERROR_CODES = {
  network: "network_error",
  unexpectedResponse: "unexpected_response",
} as const;

export class ApiError extends Error {
  override readonly name = "ApiError";

  constructor(
    /** HTTP status, or 0 when the request did not reach the server. */
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId: string | undefined,
    readonly details: ApiErrorDetails | undefined,
  ) {
    super(message);
  }

  /** Field errors of a `validation_failed` response, or an empty list. */
  get fieldErrors(): ApiFieldError[] {
    return this.details?.fields ?? [];
  }
}

interface ErrorBody {
  error: {
    code: string;
    message: string;
    requestId?: string;
    details?: ApiErrorDetails;
  };
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

interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
}

/**
 * Sends one request and returns the parsed JSON body, or `undefined` for an empty body (204).
 * Throws `ApiError` for any non-2xx response and for network failures (status 0).
 *
 * NOTE: the response body is cast to `T` without checking its shape at run time.
 */
export async function apiRequest<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  const init: RequestInit = { method, headers, credentials: "same-origin", signal: options.signal };
  // Fastify rejects an empty body sent as application/json, so only requests with a body declare it.
  if (options.body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(options.body);
  }

  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    if (options.signal?.aborted) {
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

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => apiRequest<T>("GET", path, { signal }),
  post: <T>(path: string, body?: unknown) => apiRequest<T>("POST", path, { body }),
  put: <T>(path: string, body: unknown) => apiRequest<T>("PUT", path, { body }),
  patch: <T>(path: string, body: unknown) => apiRequest<T>("PATCH", path, { body }),
  delete: <T = undefined>(path: string) => apiRequest<T>("DELETE", path),
};

/** Encodes one path segment, so ids from the URL cannot change the route they are sent to. */
export function segment(value: string): string {
  return encodeURIComponent(value);
}
