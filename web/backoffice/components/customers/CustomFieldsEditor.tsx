import { Button, Group, Input, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { useTranslation } from "react-i18next";
import { type CustomerFormValues, newCustomFieldRow } from "./customer-form-model";

/** Custom fields a customer may have, as the API limits them. */
const MAX_CUSTOM_FIELDS = 50;

interface CustomFieldsEditorProps {
  form: UseFormReturnType<CustomerFormValues>;
  editable: boolean;
}

/**
 * Edits the customer's custom fields as name and value rows. Each row is a labelled group, so a
 * screen reader names the row before its two inputs.
 */
export function CustomFieldsEditor({ form, editable }: CustomFieldsEditorProps) {
  const { t } = useTranslation("customers");
  const rows = form.values.customFields;
  const listError = form.errors.customFields;

  const addRow = () => {
    form.insertListItem("customFields", newCustomFieldRow());
    // The new row's name input gets the focus once it is rendered.
    requestAnimationFrame(() => form.getInputNode(`customFields.${rows.length}.name`)?.focus());
  };

  return (
    <Stack gap="xs" mt="sm">
      <Title order={3} size="h4">
        {t("record.customFields.heading")}
      </Title>
      <Text size="sm" c="dimmed">
        {t("record.customFields.hint")}
      </Text>
      {rows.length === 0 && <Text size="sm">{t("record.customFields.none")}</Text>}
      {rows.length > 0 && (
        <Stack gap="xs">
          {rows.map((row, index) => (
            <Paper
              key={row.key}
              withBorder
              p="xs"
              role="group"
              aria-label={t("record.customFields.row", { number: index + 1 })}
            >
              <Group align="flex-start" gap="xs" wrap="wrap">
                <TextInput
                  label={t("record.customFields.name")}
                  autoComplete="off"
                  style={{ flex: "1 1 10rem" }}
                  {...form.getInputProps(`customFields.${index}.name`)}
                />
                <TextInput
                  label={t("record.customFields.value")}
                  autoComplete="off"
                  style={{ flex: "2 1 12rem" }}
                  {...form.getInputProps(`customFields.${index}.value`)}
                />
                {editable && (
                  <Button
                    variant="subtle"
                    color="red"
                    mt={25}
                    onClick={() => form.removeListItem("customFields", index)}
                    aria-label={t("record.customFields.removeNamed", {
                      name: row.name.trim() || t("record.customFields.row", { number: index + 1 }),
                    })}
                  >
                    {t("record.customFields.remove")}
                  </Button>
                )}
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      {typeof listError === "string" && <Input.Error>{listError}</Input.Error>}
      {editable && (
        <Group>
          <Button variant="default" onClick={addRow} disabled={rows.length >= MAX_CUSTOM_FIELDS}>
            {t("record.customFields.add")}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
