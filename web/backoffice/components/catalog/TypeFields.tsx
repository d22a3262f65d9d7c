import { ColorInput, NumberInput, Radio, Stack, TextInput } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import {
  type ActivityType,
  isOperatingMode,
  MAX_DURATION_MINUTES,
  MIN_DURATION_MINUTES,
  OPERATING_MODES,
  type OperatingMode,
} from "../../lib/catalog";

/** Colours offered as swatches; any other "#rrggbb" colour can be typed. */
const COLOUR_SWATCHES = [
  "#1c7ed6",
  "#0ca678",
  "#37b24d",
  "#f59f00",
  "#f76707",
  "#e03131",
  "#d6336c",
  "#ae3ec9",
  "#7048e8",
  "#495057",
];

const COLOUR_PATTERN = /^#[0-9a-f]{6}$/i;

/** The general properties of an activity type as the form edits them. */
export interface TypeValues {
  name: string;
  colour: string;
  operatingMode: OperatingMode;
  /** A string while the input is empty or incomplete, as Mantine's NumberInput gives it. */
  defaultDurationMinutes: number | string;
}

export const TYPE_FIELDS = ["name", "colour", "operatingMode", "defaultDurationMinutes"] as const;

export const NEW_TYPE_VALUES: TypeValues = {
  name: "",
  colour: COLOUR_SWATCHES[0] ?? "#1c7ed6",
  operatingMode: "on_site",
  defaultDurationMinutes: 60,
};

export function typeValuesOf(type: ActivityType): TypeValues {
  return {
    name: type.name,
    colour: type.colour,
    operatingMode: type.operatingMode,
    defaultDurationMinutes: type.defaultDurationMinutes,
  };
}

/** Returns the client-side checks of the general properties, with translated messages. */
export function typeValidation(t: TFunction<"catalog">) {
  return {
    name: (value: string) => (value.trim() === "" ? t("general.nameRequired") : null),
    colour: (value: string) => (COLOUR_PATTERN.test(value) ? null : t("problems.invalid_colour")),
    defaultDurationMinutes: (value: number | string) =>
      typeof value === "number" &&
      Number.isInteger(value) &&
      value >= MIN_DURATION_MINUTES &&
      value <= MAX_DURATION_MINUTES
        ? null
        : t("general.durationRange", { min: MIN_DURATION_MINUTES, max: MAX_DURATION_MINUTES }),
  };
}

interface TypeFieldsProps {
  form: UseFormReturnType<TypeValues>;
  readOnly?: boolean;
  /** Gives the name input the focus when a modal opens. */
  autoFocusName?: boolean;
}

/** Renders the inputs of an activity type's general properties. */
export function TypeFields({ form, readOnly = false, autoFocusName = false }: TypeFieldsProps) {
  const { t } = useTranslation("catalog");
  return (
    <Stack gap="md">
      <TextInput
        label={t("general.name")}
        required
        readOnly={readOnly}
        data-autofocus={autoFocusName || undefined}
        {...form.getInputProps("name")}
      />
      <ColorInput
        label={t("general.colour")}
        description={t("general.colourHint")}
        format="hex"
        swatches={COLOUR_SWATCHES}
        swatchesPerRow={10}
        withPicker={false}
        withEyeDropper={false}
        readOnly={readOnly}
        {...form.getInputProps("colour")}
      />
      <Radio.Group
        label={t("general.operatingMode")}
        {...form.getInputProps("operatingMode")}
        onChange={(value) => {
          if (isOperatingMode(value)) {
            form.setFieldValue("operatingMode", value);
          }
        }}
        readOnly={readOnly}
      >
        <Stack gap="xs" mt="xs">
          {OPERATING_MODES.map((mode) => (
            <Radio key={mode} value={mode} label={t(`operatingModes.${mode}`)} disabled={readOnly} />
          ))}
        </Stack>
      </Radio.Group>
      <NumberInput
        label={t("general.duration")}
        description={t("general.durationHint", { min: MIN_DURATION_MINUTES, max: MAX_DURATION_MINUTES })}
        required
        min={MIN_DURATION_MINUTES}
        max={MAX_DURATION_MINUTES}
        allowDecimal={false}
        allowNegative={false}
        clampBehavior="none"
        thousandSeparator={false}
        readOnly={readOnly}
        {...form.getInputProps("defaultDurationMinutes")}
      />
    </Stack>
  );
}
