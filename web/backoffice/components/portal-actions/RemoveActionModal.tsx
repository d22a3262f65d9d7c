import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";

interface RemoveActionModalProps {
  /** The label of the action to remove, or null while the dialog is closed. */
  label: string | null;
  onConfirm: () => void;
  onClose: () => void;
  /** Called once the dialog has closed, to move the focus back to the list. */
  onClosed: () => void;
}

/** Asks for a confirmation before an action leaves the list; the removal lasts once the list is saved. */
export function RemoveActionModal({ label, onConfirm, onClose, onClosed }: RemoveActionModalProps) {
  const { t } = useTranslation(["portalActions", "common"]);
  return (
    <Modal
      opened={label !== null}
      onClose={onClose}
      onExitTransitionEnd={onClosed}
      title={t("remove.title", { label: label ?? "" })}
      // The list moves the focus itself, because the button that opened the dialog may be gone.
      returnFocus={false}
    >
      <Stack gap="md">
        <Text size="sm">{t("remove.message")}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t("common:actions.cancel")}
          </Button>
          <Button color="red" onClick={onConfirm}>
            {t("remove.confirm")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
