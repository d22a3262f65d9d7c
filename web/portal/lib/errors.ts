import i18next from "i18next";
import { ApiError, type ApiFieldError } from "../../shared/api";
import { translateApiError, translateFieldError } from "../../shared/i18n";

/** Portal error codes that the shared translator does not handle yet. */
const PORTAL_ERROR_CODES = ["invalid_code", "portal_signed_out", "preview_read_only"] as const;
type PortalErrorCode = (typeof PORTAL_ERROR_CODES)[number];

function isPortalErrorCode(code: string): code is PortalErrorCode {
  return (PORTAL_ERROR_CODES as readonly string[]).includes(code);
}

/** Returns the message to show for an error of the portal API, in the current language. */
export function translatePortalError(error: unknown): string {
  if (error instanceof ApiError && isPortalErrorCode(error.code)) {
    return i18next.t(`errors:codes.${error.code}`);
  }
  return translateApiError(error);
}

const IDENTIFIER_ERROR_CODES = ["invalid_email", "missing_trunk_prefix", "invalid_phone"] as const;
type IdentifierErrorCode = (typeof IDENTIFIER_ERROR_CODES)[number];

function isIdentifierErrorCode(code: string | undefined): code is IdentifierErrorCode {
  return code !== undefined && (IDENTIFIER_ERROR_CODES as readonly string[]).includes(code);
}

/** Returns the message for an error on the email or phone field of the sign-in form. */
export function translateIdentifierError(field: ApiFieldError): string {
  return isIdentifierErrorCode(field.code)
    ? i18next.t(`portal:signIn.identifierErrors.${field.code}`)
    : translateFieldError(field);
}

/** Returns the field error on `path` of a `validation_failed` error, if there is one. */
export function fieldError(error: unknown, path: string): ApiFieldError | undefined {
  if (!(error instanceof ApiError) || error.code !== "validation_failed") {
    return undefined;
  }
  return error.fieldErrors.find((field) => field.path === path);
}

/** Returns the seconds to wait from a `rate_limited` or `too_many_attempts` error, if given. */
export function retryAfterSeconds(error: unknown): number | undefined {
  return error instanceof ApiError ? error.details?.retryAfterSeconds : undefined;
}
