import { Stack } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { type FormDefinition, visibleFields } from "../../../../src/domain/forms/index.js";
import { currentLanguage } from "../../../shared/i18n";
import { deviceTimeZone, zoneCity, zonesDiffer } from "../../lib/visit-time";
import { PortalFieldInput } from "./PortalFieldInput";

interface ActionFormFieldsProps {
  form: FormDefinition;
  /** Answers by field code, as the inputs produce them. */
  answers: Record<string, unknown>;
  onChange: (answers: Record<string, unknown>) => void;
  /** Messages by answer path, such as `answers.boiler_model`. */
  errors: Record<string, string>;
  disabled: boolean;
  /** IANA zone of the visit, in which date-and-time answers are entered. */
  timeZone: string;
}

/**
 * Renders the visible fields of an action's form in form order, labelled in the page's language.
 * Display conditions are evaluated on every change, so a question appears or disappears as soon
 * as an earlier answer changes. Answers to hidden questions are kept and are not sent.
 */
export function ActionFormFields({
  form,
  answers,
  onChange,
  errors,
  disabled,
  timeZone,
}: ActionFormFieldsProps) {
  // The hook re-renders the form when the language changes.
  const { t } = useTranslation("portal");
  const language = currentLanguage();
  const fields = visibleFields(form, answers);
  const zoneNote = zonesDiffer(new Date(), timeZone, deviceTimeZone())
    ? t("form.zoneNote", { city: zoneCity(timeZone) })
    : undefined;

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
    <Stack gap="lg">
      {fields.map((field) => (
        <PortalFieldInput
          key={field.code}
          field={field}
          value={answers[field.code]}
          onChange={(value) => setAnswer(field.code, value)}
          language={language}
          error={errors[`answers.${field.code}`]}
          disabled={disabled}
          timeZone={timeZone}
          zoneNote={zoneNote}
        />
      ))}
    </Stack>
  );
}

/**
 * Moves the focus to the first input of the first field in `container` that has an error, in
 * form order. Returns false when no field has one.
 */
export function focusFirstInvalidField(container: HTMLElement | null, codes: readonly string[]): boolean {
  for (const code of codes) {
    const field = container?.querySelector<HTMLElement>(`[data-field-code="${CSS.escape(code)}"]`);
    const input = field?.querySelector<HTMLElement>("input:not([type=hidden]), textarea, select");
    if (input) {
      input.focus();
      return true;
    }
  }
  return false;
}
