import i18next from "i18next";
import { ApiError } from "../../../shared/api";
import { translateApiError } from "../../../shared/i18n";

// The portal's action forms translate answer problems the same way, so the translation lives in
// web/shared/forms.
export { answerErrorsByPath, translateAnswerProblem } from "../../../shared/forms/answer-problems";

const UPLOAD_ERROR_CODES = ["empty_file", "file_too_large", "unsupported_file_type"] as const;

/** Returns the message for a failed upload, translated by the code of its first field error. */
export function describeUploadError(failure: unknown): string {
  if (failure instanceof ApiError) {
    const code = failure.fieldErrors[0]?.code;
    const known = UPLOAD_ERROR_CODES.find((candidate) => candidate === code);
    if (known !== undefined) {
      return i18next.t(`forms:uploadErrors.${known}`);
    }
  }
  return translateApiError(failure);
}
