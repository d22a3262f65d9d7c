import {
  Box,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  NumberInput,
  Radio,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { type ReactNode, useId } from "react";
import { useTranslation } from "react-i18next";
import { type FormField, MAX_RATING, MIN_RATING } from "../../../../src/domain/forms/index.js";
import { decimalSeparator } from "../../../shared/format";
import { instantToLocalInput, localInputToInstant } from "../../../shared/forms/datetime-input";
import { fieldDescription } from "../../../shared/forms/FieldDescription";
import { localized } from "../../../shared/forms/localized";
import type { Language } from "../../../shared/i18n";
import { ChoiceFieldset } from "./ChoiceFieldset";

/** Single-choice fields with more options than this get a drop-down list instead of radio buttons. */
const MAX_RADIO_OPTIONS = 6;

export interface PortalFieldInputProps {
  field: FormField;
  value: unknown;
  /** Receives the new answer, or undefined when the answer is cleared. */
  onChange: (value: unknown) => void;
  language: Language;
  error?: string | undefined;
  disabled: boolean;
  /** IANA zone of the visit, in which date-and-time answers are entered. */
  timeZone: string;
  /** A note on the zone of date-and-time answers, shown when the device uses another zone. */
  zoneNote: string | undefined;
}

function textValue(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function emptyToUndefined(text: string): string | undefined {
  return text === "" ? undefined : text;
}

/**
 * Renders the input of one field of an action's form for a customer. Text, number and date
 * inputs are labelled inputs; choices, yes/no and ratings are fieldsets of radio buttons or
 * checkboxes. Signature and file fields cannot be answered on the portal, which has no upload.
 */
export function PortalFieldInput({
  field,
  value,
  onChange,
  language,
  error,
  disabled,
  timeZone,
  zoneNote,
}: PortalFieldInputProps) {
  const { t } = useTranslation("forms");
  const { t: tPortal } = useTranslation("portal");
  const name = useId();
  const label = localized(field.label, language) || field.code;
  const helpText = localized(field.helpText, language);

  if (field.type === "displayed_text") {
    return (
      <Stack gap={4} data-field-code={field.code}>
        <Text fw={600}>{label}</Text>
        <Text className="multiline">{localized(field.text, language)}</Text>
      </Stack>
    );
  }

  const common = {
    label,
    description: fieldDescription(field.required, helpText),
    error,
    required: field.required,
    withAsterisk: false,
    disabled,
  };

  /** A "Clear answer" button for an optional radio group, which cannot be unselected otherwise. */
  const clearButton = (answered: boolean): ReactNode =>
    answered && !disabled && !field.required ? (
      <Button
        variant="subtle"
        size="compact-sm"
        mt={4}
        onClick={() => onChange(undefined)}
        aria-label={t("clearAnswerFor", { label })}
      >
        {t("clearAnswer")}
      </Button>
    ) : null;

  switch (field.type) {
    case "short_text":
      return (
        <Box data-field-code={field.code}>
          <TextInput
            {...common}
            value={textValue(value)}
            onChange={(event) => onChange(emptyToUndefined(event.currentTarget.value))}
          />
        </Box>
      );

    case "long_text":
      return (
        <Box data-field-code={field.code}>
          <Textarea
            {...common}
            autosize
            minRows={3}
            value={textValue(value)}
            onChange={(event) => onChange(emptyToUndefined(event.currentTarget.value))}
          />
        </Box>
      );

    case "number":
      return (
        <Box data-field-code={field.code}>
          <NumberInput
            {...common}
            value={typeof value === "number" || typeof value === "string" ? value : ""}
            onChange={(next) => onChange(next === "" ? undefined : next)}
            min={field.min}
            max={field.max}
            allowDecimal={!field.integer}
            decimalSeparator={decimalSeparator()}
            thousandSeparator={false}
            // Out-of-range values get an error from the check instead of being changed silently.
            clampBehavior="none"
            hideControls
            inputMode={field.integer ? "numeric" : "decimal"}
          />
        </Box>
      );

    case "date":
      return (
        <Box data-field-code={field.code}>
          <TextInput
            {...common}
            type="date"
            value={textValue(value)}
            onChange={(event) => onChange(emptyToUndefined(event.currentTarget.value))}
          />
        </Box>
      );

    case "time":
      return (
        <Box data-field-code={field.code}>
          <TextInput
            {...common}
            type="time"
            description={fieldDescription(field.required, helpText, zoneNote)}
            value={textValue(value)}
            onChange={(event) => onChange(emptyToUndefined(event.currentTarget.value))}
          />
        </Box>
      );

    case "datetime":
      return (
        <Box data-field-code={field.code}>
          <TextInput
            {...common}
            type="datetime-local"
            description={fieldDescription(field.required, helpText, zoneNote)}
            value={instantToLocalInput(value, timeZone)}
            onChange={(event) => onChange(localInputToInstant(event.currentTarget.value, timeZone))}
          />
        </Box>
      );

    case "single_choice": {
      const options = field.options.map((option) => ({
        value: option.value,
        label: localized(option.label, language) || option.value,
      }));
      const selected = typeof value === "string" ? value : null;
      if (options.length > MAX_RADIO_OPTIONS) {
        // A native list, because phones show it with their own accessible picker.
        return (
          <Box data-field-code={field.code}>
            <NativeSelect
              {...common}
              data={[{ value: "", label: t("choosePlaceholder") }, ...options]}
              value={selected ?? ""}
              onChange={(event) => onChange(emptyToUndefined(event.currentTarget.value))}
            />
          </Box>
        );
      }
      return (
        <ChoiceFieldset label={label} description={common.description} error={error} fieldCode={field.code}>
          <Stack gap="sm">
            {options.map((option) => (
              <Radio
                key={option.value}
                name={name}
                value={option.value}
                label={option.label}
                checked={selected === option.value}
                onChange={() => onChange(option.value)}
                required={field.required}
                disabled={disabled}
              />
            ))}
          </Stack>
          {clearButton(selected !== null)}
        </ChoiceFieldset>
      );
    }

    case "multiple_choice": {
      const selected = Array.isArray(value) ? value.filter((item) => typeof item === "string") : [];
      const toggle = (option: string, checked: boolean) => {
        const next = checked ? [...selected, option] : selected.filter((item) => item !== option);
        onChange(next.length === 0 ? undefined : next);
      };
      return (
        <ChoiceFieldset label={label} description={common.description} error={error} fieldCode={field.code}>
          <Stack gap="sm">
            {field.options.map((option) => (
              <Checkbox
                key={option.value}
                value={option.value}
                label={localized(option.label, language) || option.value}
                checked={selected.includes(option.value)}
                onChange={(event) => toggle(option.value, event.currentTarget.checked)}
                disabled={disabled}
              />
            ))}
          </Stack>
        </ChoiceFieldset>
      );
    }

    case "yes_no": {
      let selected: "yes" | "no" | null = null;
      if (typeof value === "boolean") {
        selected = value ? "yes" : "no";
      }
      return (
        <ChoiceFieldset label={label} description={common.description} error={error} fieldCode={field.code}>
          <Group gap="xl">
            {(["yes", "no"] as const).map((option) => (
              <Radio
                key={option}
                name={name}
                value={option}
                label={t(option)}
                checked={selected === option}
                onChange={() => onChange(option === "yes")}
                required={field.required}
                disabled={disabled}
              />
            ))}
          </Group>
          {clearButton(selected !== null)}
        </ChoiceFieldset>
      );
    }

    case "rating": {
      const selected = typeof value === "number" ? value : null;
      const levels: number[] = [];
      for (let level = MIN_RATING; level <= MAX_RATING; level += 1) {
        levels.push(level);
      }
      return (
        <ChoiceFieldset
          label={label}
          description={fieldDescription(
            field.required,
            helpText,
            tPortal("form.ratingScale", { min: MIN_RATING, max: MAX_RATING }),
          )}
          error={error}
          fieldCode={field.code}
        >
          <Group gap="lg">
            {levels.map((level) => (
              <Radio
                key={level}
                name={name}
                value={String(level)}
                label={String(level)}
                aria-label={t("ratingOption", { value: level, max: MAX_RATING })}
                checked={selected === level}
                onChange={() => onChange(level)}
                required={field.required}
                disabled={disabled}
              />
            ))}
          </Group>
          {clearButton(selected !== null)}
        </ChoiceFieldset>
      );
    }

    case "signature":
    case "file":
      // NOTE: the portal has no upload, so these fields cannot be answered here. A required one
      // blocks the form with its error, so such fields do not belong in a portal action's form.
      return (
        <Stack gap={4} data-field-code={field.code}>
          <Text fw={500} size="sm">
            {label}
          </Text>
          <Text size="sm">{tPortal("form.notOnline")}</Text>
          {error && (
            <Text size="sm" c="var(--mantine-color-error)">
              {error}
            </Text>
          )}
        </Stack>
      );
  }
}
