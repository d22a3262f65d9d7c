import { Alert, Button, Group, Modal, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { translateApiError } from "../../../shared/i18n";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import { useSignedInSession } from "../../lib/session";
import type { BusinessUnitUser } from "../../lib/types";
import { useRemoveUser } from "../../lib/users";

interface RemoveUserModalProps {
  /** User to remove from the current business unit. The modal is closed while this is null. */
  user: BusinessUnitUser | null;
  onClose: () => void;
}

/** Asks for confirmation, then sends `DELETE /api/business-units/:buId/users/:userId`. */
export function RemoveUserModal({ user, onClose }: RemoveUserModalProps) {
  const { t } = useTranslation(["users", "common"]);
  const businessUnit = useCurrentBusinessUnit();
  const session = useSignedInSession();
  const navigate = useNavigate();
  const removeUser = useRemoveUser(businessUnit.id);

  const close = () => {
    removeUser.reset();
    onClose();
  };

  const handleConfirm = () => {
    if (!user) {
      return;
    }
    removeUser.mutate(user.id, {
      onSuccess: () => {
        notifications.show({
          color: "green",
          message: t("remove.success", { name: user.name, businessUnit: businessUnit.name }),
        });
        close();
        // Without their membership, users cannot stay on this business unit's pages.
        if (user.id === session.user.id) {
          navigate("/", { replace: true });
        }
      },
    });
  };

  return (
    <Modal opened={user !== null} onClose={close} title={user ? t("remove.title", { name: user.name }) : ""}>
      {user && (
        <Stack gap="md">
          {removeUser.isError && (
            <Alert color="red" variant="light">
              {translateApiError(removeUser.error)}
            </Alert>
          )}
          <Text>{t("remove.message", { name: user.name, businessUnit: businessUnit.name })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={close} data-autofocus>
              {t("common:actions.cancel")}
            </Button>
            <Button color="red" onClick={handleConfirm} loading={removeUser.isPending}>
              {t("remove.confirm")}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
