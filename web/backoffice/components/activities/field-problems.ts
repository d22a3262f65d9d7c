import { ApiError } from "../../../shared/api";
import { translateApiError, translateFieldError } from "../../../shared/i18n";

/** Request fields that the activity forms show an input for, by the error's path. */
const SHOWN_PATHS = [
  "activityTypeId",
  "customerId",
  "durationMinutes",
  "address.addressLine1",
  "address.latitude",
  "address.longitude",
] as const;

/**
 * Splits an API error into messages under the inputs (by path) and one message for the form's
 * alert. Answer problems (`answers.*`) are left to the form renderer; other field problems that
 * no input shows are added to the alert.
 */
export function describeFieldProblems(error: unknown): { byPath: Record<string, string>; message: string } {
  const byPath: Record<string, string> = {};
  const unmatched: string[] = [];
  const fields = error instanceof ApiError ? error.fieldErrors : [];
  for (const field of fields) {
    if (field.path.startsWith("answers.")) {
      continue;
    }
    const message = field.code ? translateFieldError(field) : field.message;
    if ((SHOWN_PATHS as readonly string[]).includes(field.path)) {
      byPath[field.path] ??= message;
    } else {
      unmatched.push(`${field.path}: ${message}`);
    }
  }
  return { byPath, message: [translateApiError(error), ...unmatched].join(" ") };
}
