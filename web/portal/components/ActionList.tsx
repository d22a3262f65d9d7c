import { Button, Stack, Text, Title } from "@mantine/core";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { actionPath } from "../lib/action-path";
import type { PortalActionView } from "../lib/types";

interface ActionListProps {
  actions: PortalActionView[];
  /** True in a staff preview: the actions show, disabled, with the reason. */
  preview: boolean;
}

/**
 * Renders the actions the customer may run now as a titled section of buttons, each opening the
 * action's page. Renders nothing when no action is available.
 */
export function ActionList({ actions, preview }: ActionListProps) {
  const { t } = useTranslation("portal");
  const headingId = useId();
  const previewNoteId = useId();
  if (actions.length === 0) {
    return null;
  }

  return (
    <Stack component="section" aria-labelledby={headingId} gap="sm">
      <Title order={2} size="h3" id={headingId}>
        {t("actionList.heading")}
      </Title>
      {preview && (
        <Text size="sm" id={previewNoteId}>
          {t("actionList.previewNote")}
        </Text>
      )}
      <Stack component="ul" gap="sm" className="plain-list">
        {actions.map((action) => (
          <li key={`${action.typeId}/${action.id}`}>
            {preview ? (
              <Button disabled fullWidth aria-describedby={previewNoteId} className="action-button">
                {action.label}
              </Button>
            ) : (
              <Button
                component={Link}
                to={actionPath(action)}
                fullWidth
                variant={action.effect === "cancel_activity" ? "default" : "filled"}
                className="action-button"
              >
                {action.label}
              </Button>
            )}
          </li>
        ))}
      </Stack>
    </Stack>
  );
}
