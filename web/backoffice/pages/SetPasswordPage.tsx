import { Alert, Anchor, Button, Stack, Text, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate } from "react-router";
import { ApiError } from "../../shared/api";
import { translateApiError } from "../../shared/i18n";
import { PasswordField } from "../components/PasswordField";
import { PublicLayout } from "../components/PublicLayout";
import type { LoginLocationState } from "../components/RequireSession";
import { type AccountLinkPurpose, tokenFromHash, useSetPasswordWithLink } from "../lib/account-links";
import { applyApiErrorToForm } from "../lib/form-errors";
import { usePageTitle } from "../lib/page-title";
import { MIN_PASSWORD_LENGTH } from "../lib/types";

const FIELDS = ["password", "confirmPassword"] as const;

/**
 * Sets a password with the single-use link of a reset or invitation email. The link's token is
 * read from the URL fragment (`#token=…`), which browsers never send to the server. On success
 * the page opens the sign-in page with a notice.
 */
export function SetPasswordPage({ purpose }: { purpose: AccountLinkPurpose }) {
  const location = useLocation();
  const token = tokenFromHash(location.hash);
  // Keyed by token, so opening another link in the same tab starts again from an empty form.
  return <SetPasswordForm key={token ?? ""} purpose={purpose} token={token} />;
}

function SetPasswordForm({ purpose, token }: { purpose: AccountLinkPurpose; token: string | null }) {
  const { t } = useTranslation("auth");
  const navigate = useNavigate();
  const setPassword = useSetPasswordWithLink(purpose);
  const [formError, setFormError] = useState<string | null>(null);
  const [linkRejected, setLinkRejected] = useState(false);
  const invitation = purpose === "invitation";
  const title = invitation ? t("setPassword.invitationTitle") : t("setPassword.resetTitle");
  usePageTitle(title);

  const form = useForm({
    initialValues: { password: "", confirmPassword: "" },
    validate: {
      password: (value) =>
        value.length < MIN_PASSWORD_LENGTH ? t("setPassword.tooShort", { min: MIN_PASSWORD_LENGTH }) : null,
      confirmPassword: (value, values) => (value !== values.password ? t("setPassword.mismatch") : null),
    },
  });

  const handleSubmit = form.onSubmit((values) => {
    if (token === null) {
      return;
    }
    setFormError(null);
    setPassword.mutate(
      { token, password: values.password },
      {
        onSuccess: () => {
          const state: LoginLocationState = {
            notice: invitation ? "invitation_accepted" : "password_reset",
          };
          navigate("/login", { replace: true, state });
        },
        onError: (error) => {
          if (error instanceof ApiError && error.code === "invalid_link") {
            setLinkRejected(true);
            return;
          }
          setFormError(
            applyApiErrorToForm(form, error, { fields: FIELDS, codeFields: { weak_password: "password" } }),
          );
        },
      },
    );
  });

  const askAgain = (
    <Anchor component={Link} to="/forgot-password">
      {t("setPassword.askAgain")}
    </Anchor>
  );

  if (token === null || linkRejected) {
    return (
      <PublicLayout>
        <Stack gap="md">
          <Title order={1} size="h2">
            {title}
          </Title>
          <Alert color="red" variant="light" role="alert">
            {token === null ? t("setPassword.missingLink") : translateApiError(setPassword.error)}
          </Alert>
          {invitation && <Text>{t("setPassword.invitationHelp")}</Text>}
          {askAgain}
        </Stack>
      </PublicLayout>
    );
  }

  return (
    <PublicLayout>
      <form onSubmit={handleSubmit} noValidate>
        <Stack gap="md">
          <Title order={1} size="h2">
            {title}
          </Title>
          <Text>
            {invitation
              ? t("setPassword.invitationIntro", { min: MIN_PASSWORD_LENGTH })
              : t("setPassword.resetIntro", { min: MIN_PASSWORD_LENGTH })}
          </Text>
          {formError !== null && (
            <Alert color="red" variant="light" role="alert">
              {formError}
            </Alert>
          )}
          <PasswordField
            label={t("setPassword.password")}
            description={t("setPassword.passwordHint", { min: MIN_PASSWORD_LENGTH })}
            autoComplete="new-password"
            required
            minLength={MIN_PASSWORD_LENGTH}
            {...form.getInputProps("password")}
          />
          <PasswordField
            label={t("setPassword.confirmPassword")}
            autoComplete="new-password"
            required
            {...form.getInputProps("confirmPassword")}
          />
          <Button type="submit" loading={setPassword.isPending}>
            {t("setPassword.submit")}
          </Button>
        </Stack>
      </form>
    </PublicLayout>
  );
}
