import {
  Button,
  Checkbox,
  Group,
  NumberInput,
  Radio,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { decimalSeparator } from "../../../shared/format";
import type { Language } from "../../../shared/i18n";
import { instantToLocalInput, localInputToInstant } from "./datetime-input";
import { fieldDescription } from "./FieldDescription";
import { FileAnswerInput } from "./FileAnswerInput";
import type { FileStorage } from "./file-storage";
import { type FormField, localized, MAX_RATING, MIN_RATING } from "./form-model";
import { SignaturePad } from "./SignaturePad";

/** Choice fields with more options than this get a searchable list instead of radio buttons. */
const MAX_RADIO_OPTIONS = 6;

export interface FieldInputProps {
  field: FormField;
  value: unknown;
  /** Receives the new answer, or undefined when the answer is cleared. */
  onChange: (value: unknown) => void;
  language: Language;
  error?: string | undefined;
  disabled?: boolean;
  files?: FileStorage | undefined;
  timeZone?: string | undefined;
}

function textValue(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function emptyToUndefined(text: string): string | undefined {
  return text === "" ? undefined : text;
}

/** Renders the input of one field, labelled in `language`, with its help text as description. */
export function FieldInput({
  field,
  value,
  onChange,
  language,
  error,
  disabled = false,
  files,
  timeZone,
}: FieldInputProps) {
  const { t } = useTranslation("forms");
  const label = localized(field.label, language) || field.code;
  const helpText = localized(field.helpText, language);

  if (field.type === "displayed_text") {
    return (
      <Stack gap={4}>
        <Text fw={600}>{label}</Text>
        <Text style={{ whiteSpace: "pre-wrap" }}>{localized(field.text, language)}</Text>
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

  /** A "Clear answer" button for radio groups, which cannot be unselected otherwise. */
  const clearButton = (answered: boolean): ReactNode =>
    answered && !disabled && !field.required ? (
      <Button
        variant="subtle"
        size="compact-sm"
        onClick={() => onChange(undefined)}
        aria-label={t("clearAnswerFor", { label })}
      >
        {t("clearAnswer")}
      </Button>
    ) : null;

  switch (field.type) {
    case "short_text":
      return (
        <TextInput
          {...common}
          value={textValue(value)}
          onChange={(event) => onChange(emptyToUndefined(event.currentTarget.value))}
        />
      );

    case "long_text":
      return (
        <Textarea
          {...common}
          autosize
          minRows={3}
          value={textValue(value)}
          onChange={(event) => onChange(emptyToUndefined(event.currentTarget.value))}
        />
      );

    case "number":
      return (
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
          inputMode={field.integer ? "numeric" : "decimal"}
        />
      );

    case "date":
      return (
        <TextInput
          {...common}
          type="date"
          value={textValue(value)}
          onChange={(event) => onChange(emptyToUndefined(event.currentTarget.value))}
        />
      );

    case "time":
      return (
        <TextInput
          {...common}
          type="time"
          value={textValue(value)}
          onChange={(event) => onChange(emptyToUndefined(event.currentTarget.value))}
        />
      );

    case "datetime": {
      const zoneNote = timeZone ? t("datetimeZone", { timeZone }) : undefined;
      return (
        <TextInput
          {...common}
          description={fieldDescription(field.required, helpText, zoneNote)}
          type="datetime-local"
          value={instantToLocalInput(value, timeZone)}
          onChange={(event) => onChange(localInputToInstant(event.currentTarget.value, timeZone))}
        />
      );
    }

    case "single_choice": {
      const options = field.options.map((option) => ({
        value: option.value,
        label: localized(option.label, language) || option.value,
      }));
      const selected = typeof value === "string" ? value : null;
      if (options.length > MAX_RADIO_OPTIONS) {
        return (
          <Select
            {...common}
            data={options}
            value={selected}
            onChange={(next) => onChange(next ?? undefined)}
            searchable
            clearable={!field.required}
            clearButtonProps={{ "aria-label": t("clearAnswerFor", { label }) }}
            placeholder={t("choosePlaceholder")}
          />
        );
      }
      return (
        <Radio.Group {...common} value={selected} onChange={(next) => onChange(next)}>
          <Stack gap="xs" mt="xs">
            {options.map((option) => (
              <Radio key={option.value} value={option.value} label={option.label} />
            ))}
          </Stack>
          {clearButton(selected !== null)}
        </Radio.Group>
      );
    }

    case "multiple_choice": {
      const selected = Array.isArray(value) ? value.filter((item) => typeof item === "string") : [];
      return (
        <Checkbox.Group
          {...common}
          value={selected}
          onChange={(next) => onChange(next.length === 0 ? undefined : next)}
        >
          <Stack gap="xs" mt="xs">
            {field.options.map((option) => (
              <Checkbox
                key={option.value}
                value={option.value}
                label={localized(option.label, language) || option.value}
              />
            ))}
          </Stack>
        </Checkbox.Group>
      );
    }

    case "yes_no": {
      let selected: "yes" | "no" | null = null;
      if (typeof value === "boolean") {
        selected = value ? "yes" : "no";
      }
      return (
        <Radio.Group {...common} value={selected} onChange={(next) => onChange(next === "yes")}>
          <Group gap="lg" mt="xs">
            <Radio value="yes" label={t("yes")} />
            <Radio value="no" label={t("no")} />
          </Group>
          {clearButton(selected !== null)}
        </Radio.Group>
      );
    }

    case "rating": {
      const selected = typeof value === "number" ? String(value) : null;
      const levels: number[] = [];
      for (let level = MIN_RATING; level <= MAX_RATING; level += 1) {
        levels.push(level);
      }
      return (
        <Radio.Group {...common} value={selected} onChange={(next) => onChange(Number(next))}>
          <Group gap="md" mt="xs">
            {levels.map((level) => (
              <Radio
                key={level}
                value={String(level)}
                label={String(level)}
                aria-label={t("ratingOption", { value: level, max: MAX_RATING })}
              />
            ))}
          </Group>
          {clearButton(selected !== null)}
        </Radio.Group>
      );
    }

    case "signature":
      return (
        <SignaturePad
          label={label}
          helpText={helpText}
          error={error}
          required={field.required}
          disabled={disabled}
          fieldCode={field.code}
          value={typeof value === "string" ? value : undefined}
          onChange={onChange}
          files={files}
        />
      );

    case "file":
      return (
        <FileAnswerInput
          {...common}
          maxCount={field.maxCount}
          value={Array.isArray(value) ? value.filter((item) => typeof item === "string") : []}
          onChange={(ids) => onChange(ids.length === 0 ? undefined : ids)}
          files={files}
        />
      );
  }
}
