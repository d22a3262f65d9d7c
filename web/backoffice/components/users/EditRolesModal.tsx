import { Alert, Button, Group, Modal, Stack } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import { applyApiErrorToForm } from "../../lib/form-errors";
import type { BusinessUnitUser } from "../../lib/types";
import { useUpdateUserRoles } from "../../lib/users";
import { isRole, RoleCheckboxGroup } from "../Roles";

interface EditRolesModalProps {
  /** User whose roles are edited. The modal is closed while this is null. */
  user: BusinessUnitUser | null;
  onClose: () => void;
}

export function EditRolesModal({ user, onClose }: EditRolesModalProps) {
  const { t } = useTranslation(["users", "common"]);
  return (
    <Modal
      opened={user !== null}
      onClose={onClose}
      title={user ? t("editRoles.title", { name: user.name }) : ""}
    >
      {/* Keyed by user, so the form starts from the roles of the user being edited. */}
      {user && <EditRolesForm key={user.id} user={user} onClose={onClose} />}
    </Modal>
  );
}

function EditRolesForm({ user, onClose }: { user: BusinessUnitUser; onClose: () => void }) {
  const { t } = useTranslation(["users", "common"]);
  const businessUnit = useCurrentBusinessUnit();
  const updateRoles = useUpdateUserRoles(businessUnit.id);
  const [formError, setFormError] = useState<string | null>(null);

  const form = useForm({
    initialValues: { roles: [...user.roles] as string[] },
    validate: {
      roles: (value) => (value.length === 0 ? t("form.rolesRequired") : null),
    },
  });

  const handleSubmit = form.onSubmit((values) => {
    setFormError(null);
    updateRoles.mutate(
      { userId: user.id, roles: values.roles.filter(isRole) },
      {
        onSuccess: () => {
          notifications.show({ color: "green", message: t("editRoles.success", { name: user.name }) });
          onClose();
        },
        onError: (error) => setFormError(applyApiErrorToForm(form, error, { fields: ["roles"] as const })),
      },
    );
  });

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack gap="md">
        {formError !== null && (
          <Alert color="red" variant="light">
            {formError}
          </Alert>
        )}
        <RoleCheckboxGroup label={t("form.roles")} {...form.getInputProps("roles")} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common:actions.cancel")}
          </Button>
          <Button type="submit" loading={updateRoles.isPending}>
            {t("editRoles.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
