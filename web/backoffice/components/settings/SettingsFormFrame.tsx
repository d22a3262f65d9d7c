import { Alert, Button, Group, Stack } from "@mantine/core";
import type { FormEvent, ReactNode } from "react";
import { useTranslation } from "react-i18next";

interface SettingsFormFrameProps {
  onSubmit: (event?: FormEvent<HTMLFormElement>) => void;
  formError: string | null;
  isSaving: boolean;
  children: ReactNode;
}

/** Renders the form element, error alert and "Save" button that the settings tabs share. */
export function SettingsFormFrame({ onSubmit, formError, isSaving, children }: SettingsFormFrameProps) {
  const { t } = useTranslation();
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md" maw={560}>
        {formError !== null && (
          <Alert color="red" variant="light">
            {formError}
          </Alert>
        )}
        {children}
        <Group>
          <Button type="submit" loading={isSaving}>
            {t("actions.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
