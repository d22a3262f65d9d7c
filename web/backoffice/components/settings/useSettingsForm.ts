import { type FormValidateInput, useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useUpdateBusinessUnit } from "../../lib/business-units";
import { applyApiErrorToForm } from "../../lib/form-errors";
import type { BusinessUnit, BusinessUnitPatch } from "../../lib/types";

interface SettingsFormOptions<Values, Field extends keyof Values & string> {
  businessUnit: BusinessUnit;
  /** Form fields, which are also the business unit fields that this form edits. */
  fields: readonly Field[];
  toValues: (businessUnit: BusinessUnit) => Values;
  /** Converts form values to API values for every field of the form, changed or not. */
  toPatch: (values: Values) => BusinessUnitPatch;
  validate: FormValidateInput<Values>;
}

/** Returns the entries of `next` whose value differs from `saved`. */
function changedEntries(next: BusinessUnitPatch, saved: BusinessUnitPatch): BusinessUnitPatch {
  const entries = Object.entries(next).filter(
    ([key, value]) => value !== undefined && !Object.is(value, saved[key as keyof BusinessUnitPatch]),
  );
  return Object.fromEntries(entries) as BusinessUnitPatch;
}

/**
 * Returns the form state for one settings tab. Saving sends `PATCH /api/business-units/:buId`
 * with only the fields that differ from the saved business unit, and shows server field errors
 * under their inputs.
 */
export function useSettingsForm<Values extends object, Field extends keyof Values & string>({
  businessUnit,
  fields,
  toValues,
  toPatch,
  validate,
}: SettingsFormOptions<Values, Field>) {
  const { t } = useTranslation("settings");
  const update = useUpdateBusinessUnit(businessUnit.id);
  const [formError, setFormError] = useState<string | null>(null);

  const form = useForm<Values>({ initialValues: toValues(businessUnit), validate });

  const handleSubmit: (event?: FormEvent<HTMLFormElement>) => void = form.onSubmit((values) => {
    setFormError(null);
    const patch = changedEntries(toPatch(values), toPatch(toValues(businessUnit)));
    if (Object.keys(patch).length === 0) {
      notifications.show({ color: "gray", message: t("noChanges") });
      return;
    }

    update.mutate(patch, {
      onSuccess: (updated) => {
        const savedValues = toValues(updated);
        form.setInitialValues(savedValues);
        form.setValues(savedValues);
        form.resetDirty(savedValues);
      },
      onError: (error) => setFormError(applyApiErrorToForm(form, error, { fields })),
    });
  });

  return { form, handleSubmit, formError, isSaving: update.isPending };
}

/** Returns the trimmed text, or null for an empty field. */
export function textOrNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === "" ? null : trimmed;
}
