import i18next from "i18next";
import { ApiError, type ApiFieldError } from "../../../shared/api";
import { translateApiError, translateFieldError } from "../../../shared/i18n";

/** Field error codes of the team API that have a translation in the "team" namespace. */
const TEAM_FIELD_CODES = [
  "invalid_colour",
  "incomplete_coordinates",
  "name_taken",
  "invalid_level",
  "unknown_skill",
  "duplicate_skill",
] as const;
type TeamFieldCode = (typeof TEAM_FIELD_CODES)[number];

function isTeamFieldCode(code: string | undefined): code is TeamFieldCode {
  return code !== undefined && (TEAM_FIELD_CODES as readonly string[]).includes(code);
}

/** Returns the message for one entry of `details.fields`, with the team API's own codes translated. */
export function translateTeamFieldError(field: ApiFieldError): string {
  return isTeamFieldCode(field.code)
    ? i18next.t(`team:errors.fields.${field.code}`)
    : translateFieldError(field);
}

export interface SplitErrors {
  /** Messages keyed by path with `prefix` removed, for the inputs that show them. */
  fieldErrors: Record<string, string>;
  /** Message for the form-level alert: the error, and the field errors that no input shows. */
  formError: string;
}

/**
 * Splits an API error into messages for inputs and one message for the form. Entries of
 * `details.fields` whose path starts with `prefix` and that `isShown` accepts go to the inputs.
 * The first message for a path is kept, because later ones often follow from it.
 */
export function splitApiError(
  error: unknown,
  prefix: string,
  isShown: (path: string) => boolean,
): SplitErrors {
  const fieldErrors: Record<string, string> = {};
  const unmatched: string[] = [];
  const fields = error instanceof ApiError ? error.fieldErrors : [];
  for (const field of fields) {
    const path = field.path.startsWith(prefix) ? field.path.slice(prefix.length) : null;
    if (path !== null && isShown(path)) {
      fieldErrors[path] ??= translateTeamFieldError(field);
    } else {
      unmatched.push(`${field.path}: ${translateTeamFieldError(field)}`);
    }
  }
  return { fieldErrors, formError: [translateApiError(error), ...unmatched].join(" ") };
}
