import { Checkbox, Group, NativeSelect, NumberInput, Textarea, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { decimalSeparator } from "../../../shared/format";
import type { Language } from "../../../shared/i18n";
import { instantToLocalInput, localInputToInstant } from "../forms/datetime-input";
import { localized, MAX_RATING, MIN_RATING } from "../forms/form-model";
import type { FieldDraft } from "./field-draft";

interface DefaultValueInputProps {
  draft: FieldDraft;
  onChange: (value: unknown) => void;
  language: Language;
  error: string | undefined;
  /** Zone in which a date-and-time default is entered: the business unit's. */
  timeZone: string;
}

/** Returns the option of the yes/no select for a default value: "yes", "no" or "" for none. */
function yesNoOptionOf(value: unknown): string {
  if (typeof value !== "boolean") {
    return "";
  }
  return value ? "yes" : "no";
}

function textOf(value: unknown): string {
  return typeof value === "string" ? value : "";
}

/** Renders the "Default value" input that matches the field's type, with an empty choice for none. */
export function DefaultValueInput({ draft, onChange, language, error, timeZone }: DefaultValueInputProps) {
  const { t } = useTranslation(["catalog", "forms"]);
  const common = { label: t("field.defaultValue"), error };
  const onText = (text: string) => onChange(text === "" ? undefined : text);

  switch (draft.type) {
    case "short_text":
    case "date":
    case "time": {
      const type = draft.type === "short_text" ? "text" : draft.type;
      return (
        <TextInput
          {...common}
          type={type}
          value={textOf(draft.defaultValue)}
          onChange={(event) => onText(event.currentTarget.value)}
        />
      );
    }
    case "long_text":
      return (
        <Textarea
          {...common}
          autosize
          minRows={2}
          value={textOf(draft.defaultValue)}
          onChange={(event) => onText(event.currentTarget.value)}
        />
      );
    case "datetime":
      return (
        <TextInput
          {...common}
          type="datetime-local"
          description={t("forms:datetimeZone", { timeZone })}
          value={instantToLocalInput(draft.defaultValue, timeZone)}
          onChange={(event) => onChange(localInputToInstant(event.currentTarget.value, timeZone))}
        />
      );
    case "number":
      return (
        <NumberInput
          {...common}
          value={typeof draft.defaultValue === "number" ? draft.defaultValue : ""}
          onChange={(next) => onChange(typeof next === "number" ? next : undefined)}
          allowDecimal={!draft.integer}
          decimalSeparator={decimalSeparator()}
          thousandSeparator={false}
          clampBehavior="none"
        />
      );
    case "single_choice":
      return (
        <NativeSelect
          {...common}
          data={[
            { value: "", label: t("field.noDefault") },
            ...draft.options
              .filter((option) => option.value.trim() !== "")
              .map((option) => ({
                value: option.value,
                label: localized(option.label, language) || option.value,
              })),
          ]}
          value={textOf(draft.defaultValue)}
          onChange={(event) => onText(event.currentTarget.value)}
        />
      );
    case "multiple_choice": {
      const selected = Array.isArray(draft.defaultValue) ? draft.defaultValue.map(String) : [];
      return (
        <Checkbox.Group
          {...common}
          value={selected}
          onChange={(next) => onChange(next.length === 0 ? undefined : next)}
        >
          <Group gap="md" mt="xs">
            {draft.options
              .filter((option) => option.value.trim() !== "")
              .map((option) => (
                <Checkbox
                  key={option.value}
                  value={option.value}
                  label={localized(option.label, language) || option.value}
                />
              ))}
          </Group>
        </Checkbox.Group>
      );
    }
    case "yes_no":
      return (
        <NativeSelect
          {...common}
          data={[
            { value: "", label: t("field.noDefault") },
            { value: "yes", label: t("forms:yes") },
            { value: "no", label: t("forms:no") },
          ]}
          value={yesNoOptionOf(draft.defaultValue)}
          onChange={(event) => {
            const next = event.currentTarget.value;
            onChange(next === "" ? undefined : next === "yes");
          }}
        />
      );
    case "rating": {
      const levels = [{ value: "", label: t("field.noDefault") }];
      for (let level = MIN_RATING; level <= MAX_RATING; level += 1) {
        levels.push({ value: String(level), label: String(level) });
      }
      return (
        <NativeSelect
          {...common}
          data={levels}
          value={typeof draft.defaultValue === "number" ? String(draft.defaultValue) : ""}
          onChange={(event) => {
            const next = event.currentTarget.value;
            onChange(next === "" ? undefined : Number(next));
          }}
        />
      );
    }
    default:
      return null;
  }
}
