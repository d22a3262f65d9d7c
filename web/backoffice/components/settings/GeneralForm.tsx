import { TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { BusinessUnit } from "../../lib/types";
import { SettingsFormFrame } from "./SettingsFormFrame";
import { useSettingsForm } from "./useSettingsForm";

interface GeneralValues {
  name: string;
  code: string;
}

// Whether new customers get portal access is set in the "Customer portal" tab.
const FIELDS = ["name", "code"] as const;

export function GeneralForm({ businessUnit }: { businessUnit: BusinessUnit }) {
  const { t } = useTranslation("settings");
  const { form, handleSubmit, formError, isSaving } = useSettingsForm<GeneralValues, (typeof FIELDS)[number]>(
    {
      businessUnit,
      fields: FIELDS,
      toValues: (saved) => ({
        name: saved.name,
        code: saved.code,
      }),
      toPatch: (values) => ({
        name: values.name.trim(),
        code: values.code.trim(),
      }),
      validate: {
        name: (value) => (value.trim() === "" ? t("validation.nameRequired") : null),
        code: (value) => (value.trim() === "" ? t("validation.codeRequired") : null),
      },
    },
  );

  return (
    <SettingsFormFrame onSubmit={handleSubmit} formError={formError} isSaving={isSaving}>
      <TextInput label={t("fields.name")} required {...form.getInputProps("name")} />
      <TextInput
        label={t("fields.code")}
        description={t("hints.code")}
        required
        {...form.getInputProps("code")}
      />
    </SettingsFormFrame>
  );
}
