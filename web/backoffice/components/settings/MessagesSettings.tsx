import { Alert, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { NotificationSettingsForm } from "./NotificationSettingsForm";
import { TemplateEditor } from "./TemplateEditor";

interface MessagesSettingsProps {
  buId: string;
  readOnly: boolean;
  /** Level of the section headings, one below the heading around them. */
  headingOrder: 2 | 3;
}

/** Renders the unit's notification settings and its message templates, editable by admins only. */
export function MessagesSettings({ buId, readOnly, headingOrder }: MessagesSettingsProps) {
  const { t } = useTranslation("messages");
  return (
    <Stack gap="xl">
      {readOnly && (
        <Alert color="gray" role="status">
          {t("settings.readOnly")}
        </Alert>
      )}
      <Stack gap="md" component="section" aria-labelledby="notification-settings">
        <Title order={headingOrder} size="h4" id="notification-settings">
          {t("settings.heading")}
        </Title>
        <NotificationSettingsForm buId={buId} readOnly={readOnly} />
      </Stack>
      <Stack gap="md" component="section" aria-labelledby="message-templates">
        <Title order={headingOrder} size="h4" id="message-templates">
          {t("templates.heading")}
        </Title>
        <Text size="sm">{t("templates.intro")}</Text>
        <TemplateEditor buId={buId} readOnly={readOnly} />
      </Stack>
    </Stack>
  );
}
