import { Stack } from "@mantine/core";
import type { Language } from "../../../shared/i18n";
import { FieldInput } from "./FieldInput";
import type { FileStorage } from "./file-storage";
import { type FormDefinition, visibleFields } from "./form-model";

export interface FormRendererProps {
  form: FormDefinition;
  /** Answers by field code, as the inputs produce them; the server normalizes them on save. */
  answers: Record<string, unknown>;
  onChange: (answers: Record<string, unknown>) => void;
  /** Language of the labels, help texts and option labels. */
  language: Language;
  /** Messages by answer path, such as `answers.tank_litres`, as the check endpoint reports them. */
  errors?: Record<string, string>;
  disabled?: boolean;
  /** Storage for signature and file answers. Without it, those fields are shown disabled. */
  files?: FileStorage;
  /** IANA zone in which date-and-time answers are entered; the browser's zone when absent. */
  timeZone?: string;
}

/**
 * Renders a form to fill in: one labelled input per visible field, in form order. Display
 * conditions are evaluated on every change, so a field appears or disappears as soon as an
 * earlier answer changes. Answers to hidden fields are kept, and the server ignores them.
 */
export function FormRenderer({
  form,
  answers,
  onChange,
  language,
  errors = {},
  disabled = false,
  files,
  timeZone,
}: FormRendererProps) {
  const fields = visibleFields(form, answers);

  const setAnswer = (code: string, value: unknown) => {
    const next = { ...answers };
    if (value === undefined) {
      delete next[code];
    } else {
      next[code] = value;
    }
    onChange(next);
  };

  return (
    <Stack gap="md">
      {fields.map((field) => (
        <FieldInput
          // Keyed by position, because a form being edited may repeat a code until it is saved.
          key={form.fields.indexOf(field)}
          field={field}
          value={answers[field.code]}
          onChange={(value) => setAnswer(field.code, value)}
          language={language}
          error={errors[`answers.${field.code}`]}
          disabled={disabled}
          files={files}
          timeZone={timeZone}
        />
      ))}
    </Stack>
  );
}
