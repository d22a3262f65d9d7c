import { Alert, Button, Group, Modal, Radio, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import { applyApiErrorToForm } from "../../lib/form-errors";
import { MIN_PASSWORD_LENGTH } from "../../lib/types";
import { useAddUser } from "../../lib/users";
import { PasswordField } from "../PasswordField";
import { isRole, RoleCheckboxGroup } from "../Roles";

const FIELDS = ["name", "email", "password", "roles"] as const;

/** First sign-in of a new member: with an emailed invitation link, or with an initial password. */
const ACCESS_CHOICES = ["invitation", "password"] as const;
type AccessChoice = (typeof ACCESS_CHOICES)[number];

function isAccessChoice(value: string): value is AccessChoice {
  return (ACCESS_CHOICES as readonly string[]).includes(value);
}

// A light check that catches typing mistakes. The server decides which addresses it accepts.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface AddUserModalProps {
  opened: boolean;
  onClose: () => void;
}

/**
 * Adds a member to the current business unit. By default the server emails them an invitation
 * link to choose their password. An admin can instead set an initial password to hand over.
 */
export function AddUserModal({ opened, onClose }: AddUserModalProps) {
  const { t } = useTranslation(["users", "common"]);
  const businessUnit = useCurrentBusinessUnit();
  const addUser = useAddUser(businessUnit.id);
  const [formError, setFormError] = useState<string | null>(null);

  const form = useForm({
    initialValues: {
      name: "",
      email: "",
      access: "invitation" as AccessChoice,
      password: "",
      roles: [] as string[],
    },
    validate: {
      name: (value) => (value.trim() === "" ? t("form.nameRequired") : null),
      email: (value) => (EMAIL_PATTERN.test(value.trim()) ? null : t("form.emailInvalid")),
      password: (value, values) =>
        values.access === "password" && value.length < MIN_PASSWORD_LENGTH
          ? t("form.passwordTooShort", { min: MIN_PASSWORD_LENGTH })
          : null,
      roles: (value) => (value.length === 0 ? t("form.rolesRequired") : null),
    },
  });

  const close = () => {
    form.reset();
    setFormError(null);
    addUser.reset();
    onClose();
  };

  const handleSubmit = form.onSubmit((values) => {
    setFormError(null);
    const name = values.name.trim();
    const email = values.email.trim();
    const invited = values.access === "invitation";
    addUser.mutate(
      {
        name,
        email,
        ...(invited ? {} : { password: values.password }),
        roles: values.roles.filter(isRole),
      },
      {
        onSuccess: (added) => {
          // An existing account keeps its password, so the server sends no invitation to it.
          const message =
            invited && added.mustChangePassword
              ? t("add.successInvited", { name, businessUnit: businessUnit.name, email })
              : t("add.success", { name, businessUnit: businessUnit.name });
          notifications.show({ color: "green", message });
          close();
        },
        onError: (error) =>
          setFormError(
            applyApiErrorToForm(form, error, {
              fields: FIELDS,
              codeFields: { email_taken: "email", weak_password: "password" },
            }),
          ),
      },
    );
  });

  return (
    <Modal opened={opened} onClose={close} title={t("add.title", { businessUnit: businessUnit.name })}>
      <form onSubmit={handleSubmit} noValidate>
        <Stack gap="md">
          {formError !== null && (
            <Alert color="red" variant="light">
              {formError}
            </Alert>
          )}
          <TextInput label={t("form.name")} required data-autofocus {...form.getInputProps("name")} />
          <TextInput
            label={t("form.email")}
            type="email"
            autoComplete="off"
            required
            {...form.getInputProps("email")}
          />
          <Radio.Group
            label={t("form.access")}
            {...form.getInputProps("access")}
            onChange={(value) => isAccessChoice(value) && form.setFieldValue("access", value)}
          >
            <Stack gap="xs" mt="xs">
              <Radio
                value="invitation"
                label={t("form.accessInvitation")}
                description={t("form.accessInvitationHint")}
              />
              <Radio
                value="password"
                label={t("form.accessPassword")}
                description={t("form.accessPasswordHint")}
              />
            </Stack>
          </Radio.Group>
          {form.getValues().access === "password" && (
            <PasswordField
              label={t("form.password")}
              description={t("form.passwordHint", { min: MIN_PASSWORD_LENGTH })}
              autoComplete="new-password"
              required
              {...form.getInputProps("password")}
            />
          )}
          <RoleCheckboxGroup label={t("form.roles")} {...form.getInputProps("roles")} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t("common:actions.cancel")}
            </Button>
            <Button type="submit" loading={addUser.isPending}>
              {t("add.submit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
