import { Alert, Button, Stack, Text, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { LogoutButton } from "../components/LogoutButton";
import { PasswordField } from "../components/PasswordField";
import { PublicLayout } from "../components/PublicLayout";
import { applyApiErrorToForm } from "../lib/form-errors";
import { usePageTitle } from "../lib/page-title";
import { useChangePassword } from "../lib/session";
import { MIN_PASSWORD_LENGTH } from "../lib/types";

const FORM_FIELDS = ["currentPassword", "newPassword", "confirmPassword"] as const;

export function ChangePasswordPage() {
  const { t } = useTranslation("auth");
  const navigate = useNavigate();
  const changePassword = useChangePassword();
  const [formError, setFormError] = useState<string | null>(null);
  usePageTitle(t("changePassword.title"));

  const form = useForm({
    initialValues: { currentPassword: "", newPassword: "", confirmPassword: "" },
    validate: {
      currentPassword: (value) => (value === "" ? t("changePassword.currentRequired") : null),
      newPassword: (value, values) => {
        if (value.length < MIN_PASSWORD_LENGTH) {
          return t("changePassword.tooShort", { min: MIN_PASSWORD_LENGTH });
        }
        return value === values.currentPassword ? t("changePassword.sameAsCurrent") : null;
      },
      confirmPassword: (value, values) =>
        value !== values.newPassword ? t("changePassword.mismatch") : null,
    },
  });

  const handleSubmit = form.onSubmit((values) => {
    setFormError(null);
    changePassword.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          notifications.show({ color: "green", message: t("changePassword.success") });
          navigate("/", { replace: true });
        },
        onError: (error) => {
          setFormError(
            applyApiErrorToForm(form, error, {
              fields: FORM_FIELDS,
              codeFields: { wrong_password: "currentPassword", weak_password: "newPassword" },
            }),
          );
        },
      },
    );
  });

  return (
    <PublicLayout saveLanguageToAccount headerActions={<LogoutButton />}>
      <form onSubmit={handleSubmit} noValidate>
        <Stack gap="md">
          <Title order={1} size="h2">
            {t("changePassword.title")}
          </Title>
          <Text>{t("changePassword.intro", { min: MIN_PASSWORD_LENGTH })}</Text>
          {formError !== null && (
            <Alert color="red" variant="light">
              {formError}
            </Alert>
          )}
          <PasswordField
            label={t("changePassword.currentPassword")}
            autoComplete="current-password"
            required
            {...form.getInputProps("currentPassword")}
          />
          <PasswordField
            label={t("changePassword.newPassword")}
            autoComplete="new-password"
            required
            minLength={MIN_PASSWORD_LENGTH}
            {...form.getInputProps("newPassword")}
          />
          <PasswordField
            label={t("changePassword.confirmPassword")}
            autoComplete="new-password"
            required
            {...form.getInputProps("confirmPassword")}
          />
          <Button type="submit" loading={changePassword.isPending}>
            {t("changePassword.submit")}
          </Button>
        </Stack>
      </form>
    </PublicLayout>
  );
}
