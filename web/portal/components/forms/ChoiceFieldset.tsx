import { Text } from "@mantine/core";
import { type ReactNode, useId } from "react";

interface ChoiceFieldsetProps {
  /** The question, rendered as the fieldset's legend. */
  label: string;
  description?: ReactNode;
  error?: string | undefined;
  /** The field's code, so a failed check can move the focus to its first input. */
  fieldCode: string;
  children: ReactNode;
}

/**
 * Renders a group of radio buttons or checkboxes as a fieldset whose legend is the question, so
 * a screen reader names the group when the focus enters it. The description and the error are
 * linked to the group with `aria-describedby`.
 */
export function ChoiceFieldset({ label, description, error, fieldCode, children }: ChoiceFieldsetProps) {
  const id = useId();
  const descriptionId = `${id}-description`;
  const errorId = `${id}-error`;
  const describedBy = [description ? descriptionId : "", error ? errorId : ""].filter(Boolean).join(" ");

  return (
    <fieldset
      className="choice-fieldset"
      data-field-code={fieldCode}
      data-invalid={error ? true : undefined}
      aria-describedby={describedBy || undefined}
    >
      <legend className="choice-legend">{label}</legend>
      {description && (
        <Text id={descriptionId} size="xs" c="dimmed" mb={6}>
          {description}
        </Text>
      )}
      {children}
      {error && (
        <Text id={errorId} size="sm" c="var(--mantine-color-error)" mt={6}>
          {error}
        </Text>
      )}
    </fieldset>
  );
}
