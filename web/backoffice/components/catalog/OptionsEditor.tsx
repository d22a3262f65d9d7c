import { Button, Fieldset, Group, Stack, Text, TextInput } from "@mantine/core";
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import type { ChoiceOption } from "../forms/form-model";
import { suggestCode } from "./field-draft";
import { type FieldProblem, problemAt } from "./problems";

interface OptionsEditorProps {
  options: ChoiceOption[];
  onChange: (options: ChoiceOption[]) => void;
  /** Fills in an empty or suggested value from the English label as it is typed. */
  suggestValues: boolean;
  problems: readonly FieldProblem[];
}

/** Edits the options of a choice field: value and English and French labels, in display order. */
export function OptionsEditor({ options, onChange, suggestValues, problems }: OptionsEditorProps) {
  const { t } = useTranslation("catalog");
  const containerRef = useRef<HTMLDivElement>(null);

  const update = (position: number, option: ChoiceOption) =>
    onChange(options.map((candidate, index) => (index === position ? option : candidate)));

  const move = (position: number, offset: number) => {
    const target = position + offset;
    if (target < 0 || target >= options.length) {
      return;
    }
    const next = [...options];
    const [moved] = next.splice(position, 1);
    if (moved) {
      next.splice(target, 0, moved);
      onChange(next);
      // Rows are keyed by position, so the focus is moved to the option's new row by hand. The
      // other move button takes it when the option reaches the top or the bottom.
      const direction = offset < 0 ? "up" : "down";
      const atEnd = direction === "up" ? target === 0 : target === options.length - 1;
      const button = `${target}-${atEnd ? (direction === "up" ? "down" : "up") : direction}`;
      requestAnimationFrame(() =>
        containerRef.current?.querySelector<HTMLButtonElement>(`[data-option-move="${button}"]`)?.focus(),
      );
    }
  };

  const listError = problems.find((problem) => problem.path === "options")?.message;

  return (
    <Stack gap="sm" ref={containerRef}>
      <Text fw={500} size="sm" component="h3">
        {t("options.title")}
      </Text>
      {listError && (
        <Text c="red" size="sm">
          {listError}
        </Text>
      )}
      {options.map((option, position) => {
        const number = position + 1;
        const prefix = `options.${position}`;
        return (
          // Options have no stable id, and their position is what the server's messages name.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above.
          <Fieldset key={position} legend={t("options.legend", { number })} p="sm">
            <Stack gap="xs">
              <TextInput
                label={t("options.valueLabel")}
                aria-label={t("options.valueOf", { number })}
                description={t("options.valueHint")}
                value={option.value}
                onChange={(event) => update(position, { ...option, value: event.currentTarget.value })}
                error={problemAt(problems, `${prefix}.value`)}
              />
              <TextInput
                label={t("options.labelEn")}
                aria-label={t("options.labelEnOf", { number })}
                value={option.label.en}
                onChange={(event) => {
                  const en = event.currentTarget.value;
                  const follows = option.value === "" || option.value === suggestCode(option.label.en);
                  const value = suggestValues && follows ? suggestCode(en) : option.value;
                  update(position, { value, label: { ...option.label, en } });
                }}
                error={problemAt(problems, `${prefix}.label`)}
              />
              <TextInput
                label={t("options.labelFr")}
                aria-label={t("options.labelFrOf", { number })}
                value={option.label.fr}
                onChange={(event) =>
                  update(position, { ...option, label: { ...option.label, fr: event.currentTarget.value } })
                }
              />
              <Group gap="xs">
                <Button
                  variant="default"
                  size="xs"
                  disabled={position === 0}
                  onClick={() => move(position, -1)}
                  data-option-move={`${position}-up`}
                  aria-label={t("options.moveUpOf", { number })}
                >
                  {t("moveUp")}
                </Button>
                <Button
                  variant="default"
                  size="xs"
                  disabled={position === options.length - 1}
                  onClick={() => move(position, 1)}
                  data-option-move={`${position}-down`}
                  aria-label={t("options.moveDownOf", { number })}
                >
                  {t("moveDown")}
                </Button>
                <Button
                  variant="subtle"
                  color="red"
                  size="xs"
                  onClick={() => onChange(options.filter((_, index) => index !== position))}
                  aria-label={t("options.removeOf", { number })}
                >
                  {t("options.remove")}
                </Button>
              </Group>
            </Stack>
          </Fieldset>
        );
      })}
      <Group>
        <Button
          variant="light"
          size="xs"
          onClick={() => onChange([...options, { value: "", label: { en: "", fr: "" } }])}
        >
          {t("options.add")}
        </Button>
      </Group>
    </Stack>
  );
}
