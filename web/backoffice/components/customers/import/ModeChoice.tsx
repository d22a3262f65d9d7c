import { Radio, Stack } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { IMPORT_MODES, type ImportMode } from "../../../lib/customers";

function isImportMode(value: string): value is ImportMode {
  return (IMPORT_MODES as readonly string[]).includes(value);
}

interface ModeChoiceProps {
  mode: ImportMode;
  /** Every mode but "create" matches rows to customers by reference, so it needs a reference column. */
  hasReferenceColumn: boolean;
  disabled: boolean;
  onChange: (mode: ImportMode) => void;
}

/** Offers the five import modes, each with a one-line explanation. */
export function ModeChoice({ mode, hasReferenceColumn, disabled, onChange }: ModeChoiceProps) {
  const { t } = useTranslation("customers");
  return (
    <Radio.Group
      label={t("import.mode.label")}
      description={hasReferenceColumn ? t("import.mode.hint") : t("import.mode.noReferenceColumn")}
      value={mode}
      onChange={(value) => {
        if (isImportMode(value)) {
          onChange(value);
        }
      }}
    >
      <Stack gap="sm" mt="xs">
        {IMPORT_MODES.map((value) => (
          <Radio
            key={value}
            value={value}
            label={t(`import.mode.modes.${value}.label`)}
            description={t(`import.mode.modes.${value}.description`)}
            disabled={disabled || (value !== "create" && !hasReferenceColumn)}
          />
        ))}
      </Stack>
    </Radio.Group>
  );
}
