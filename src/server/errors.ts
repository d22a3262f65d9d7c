/**
 * The catalogue of errors the API returns. Each code is stable (the UI translates it) and maps
 * to one HTTP status and a safe English message; nothing internal ever reaches a client.
 */
export const errorCatalogue = {
  validation_failed: { status: 400, message: "Some fields are invalid." },
  weak_password: { status: 400, message: "The new password is too weak." },
  wrong_password: { status: 400, message: "The current password is incorrect." },
  unauthenticated: { status: 401, message: "Sign in to continue." },
  invalid_credentials: { status: 401, message: "Email or password is incorrect." },
  forbidden: { status: 403, message: "You do not have the role needed for this action." },
  password_change_required: { status: 403, message: "Change your password before continuing." },
  not_found: { status: 404, message: "Not found." },
  conflict: { status: 409, message: "The change conflicts with existing data." },
  email_taken: { status: 409, message: "A user with this email already exists." },
  code_taken: { status: 409, message: "This code is already used." },
  skill_in_use: { status: 409, message: "Activity types require this skill; remove it from them first." },
  schedule_conflict: { status: 409, message: "The worker already has another open visit at this time." },
  schedule_warnings: { status: 409, message: "The placement has warnings; confirm to place it anyway." },
  slot_refused: { status: 422, message: "This time cannot be booked." },
  invalid_time: { status: 422, message: "The time has no UTC offset or is not a valid date and time." },
  nonexistent_local_time: { status: 422, message: "This local time does not exist: the clocks skip it." },
  ambiguous_local_time: { status: 422, message: "This local time happens twice; give its UTC offset." },
  change_too_late: { status: 422, message: "This visit can no longer be changed online." },
  invalid_state: { status: 409, message: "The activity's state does not allow this action." },
  invalid_link: { status: 400, message: "This link is invalid, used or expired; ask for a new one." },
  invalid_code: { status: 401, message: "The code is wrong or has expired. Check it or ask for a new one." },
  portal_signed_out: { status: 401, message: "Your portal session has ended. Sign in again." },
  preview_read_only: { status: 403, message: "This is a preview: actions are disabled." },
  slug_taken: { status: 409, message: "This portal address is already used." },
  invalid_image: { status: 422, message: "The file is not a PNG, JPEG or WebP image." },
  image_too_large: { status: 413, message: "The image is larger than 2 MB." },
  action_unavailable: { status: 422, message: "This action is no longer available." },
  customer_not_located: {
    status: 422,
    message:
      "Your address could not be placed on the map, so online booking is not possible. Call us to book.",
  },
  too_many_attempts: { status: 429, message: "Too many attempts. Try again later." },
  rate_limited: { status: 429, message: "Too many requests. Try again later." },
  bad_request: { status: 400, message: "The request is malformed." },
  internal_error: { status: 500, message: "Something went wrong on our side." },
  unavailable: { status: 503, message: "The service is not ready." },
  geocoding_unavailable: { status: 503, message: "Address search is not configured on this server." },
  geocoding_failed: { status: 502, message: "The address search service failed. Try again later." },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

export interface FieldProblem {
  /** Dotted path of the field in the request body, e.g. `timeZone` or `address.latitude`. */
  path: string;
  message: string;
  code?: string;
  value?: unknown;
}

export interface ErrorDetails {
  fields?: FieldProblem[];
  retryAfterSeconds?: number;
  [key: string]: unknown;
}

/** An expected failure with a catalogue code; the error boundary turns it into a response. */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: ErrorDetails,
  ) {
    super(message ?? errorCatalogue[code].message);
    this.name = "AppError";
    this.status = errorCatalogue[code].status;
  }
}

export const notFound = (what = "Not found.") => new AppError("not_found", what);
export const forbidden = () => new AppError("forbidden");

export function invalidField(path: string, message: string, value?: unknown, code?: string): AppError {
  return new AppError("validation_failed", `${path}: ${message}`, {
    fields: [{ path, message, value, code }],
  });
}
