import type { LooseKeys, UseFormReturnType } from "@mantine/form";
import { ApiError } from "../../shared/api";
import { translateApiError, translateFieldError } from "../../shared/i18n";

interface ApplyOptions<Field extends string> {
  /** Form fields that can receive an entry of `details.fields`, matched on the first path segment. */
  fields: readonly Field[];
  /** Error codes that concern one field, for example `email_taken` → `email`. */
  codeFields?: Partial<Record<string, Field>>;
}

/**
 * Shows an error from the API on the form: entries of `details.fields` and field-specific codes
 * go under their input, and the first invalid input gets the focus. Returns the message for the
 * form-level alert, or null when the whole error is shown under an input.
 */
export function applyApiErrorToForm<Values, Field extends LooseKeys<Values> & string>(
  form: UseFormReturnType<Values>,
  error: unknown,
  { fields, codeFields = {} }: ApplyOptions<Field>,
): string | null {
  if (!(error instanceof ApiError)) {
    return translateApiError(error);
  }

  const codeField = codeFields[error.code];
  if (codeField) {
    form.setFieldError(codeField, translateApiError(error));
    form.getInputNode(codeField)?.focus();
    return null;
  }

  const fieldsWithError = new Set<Field>();
  const unmatched: string[] = [];
  for (const fieldError of error.fieldErrors) {
    const name = fieldError.path.split(".")[0] ?? "";
    const field = fields.find((candidate) => candidate === name);
    if (field === undefined) {
      unmatched.push(`${fieldError.path}: ${translateFieldError(fieldError)}`);
    } else if (!fieldsWithError.has(field)) {
      // The first message for a field is kept: later ones often follow from it.
      fieldsWithError.add(field);
      form.setFieldError(field, translateFieldError(fieldError));
    }
  }

  const [firstField] = fieldsWithError;
  if (firstField !== undefined) {
    form.getInputNode(firstField)?.focus();
  }
  return [translateApiError(error), ...unmatched].join(" ");
}
