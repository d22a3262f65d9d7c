import { Alert, Anchor, Button, Stack, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useLocation, useNavigate } from "react-router";
import { translateApiError } from "../../shared/i18n";
import { PasswordField } from "../components/PasswordField";
import { PublicLayout } from "../components/PublicLayout";
import type { LoginLocationState } from "../components/RequireSession";
import { usePageTitle } from "../lib/page-title";
import { useLogin, useSession } from "../lib/session";

/** Returns the in-app path to open after signing in; never an external URL. */
function redirectTarget(state: unknown): string {
  const from = (state as LoginLocationState | null)?.from;
  if (typeof from === "string" && from.startsWith("/") && !from.startsWith("//") && from !== "/login") {
    return from;
  }
  return "/";
}

export function LoginPage() {
  const { t } = useTranslation("auth");
  const location = useLocation();
  const navigate = useNavigate();
  const session = useSession();
  const login = useLogin();
  // The error itself is kept, not its message, so the alert follows a change of language. The
  // attempt number remounts the alert, so screen readers announce a repeated error again.
  const [loginError, setLoginError] = useState<{ error: unknown; attempt: number } | null>(null);
  usePageTitle(t("login.title"));
  const notice = (location.state as LoginLocationState | null)?.notice;

  const form = useForm({
    initialValues: { email: "", password: "" },
    validate: {
      email: (value) => (value.trim() === "" ? t("login.emailRequired") : null),
      password: (value) => (value === "" ? t("login.passwordRequired") : null),
    },
  });

  if (session.data && !login.isPending) {
    return <Navigate to={redirectTarget(location.state)} replace />;
  }

  const handleSubmit = form.onSubmit((values) => {
    login.mutate(
      { email: values.email.trim(), password: values.password },
      {
        onSuccess: () => navigate(redirectTarget(location.state), { replace: true }),
        onError: (error) => {
          setLoginError((previous) => ({ error, attempt: (previous?.attempt ?? 0) + 1 }));
          form.setFieldValue("password", "");
        },
      },
    );
  });

  return (
    <PublicLayout>
      <form onSubmit={handleSubmit} noValidate>
        <Stack gap="md">
          <Title order={1} size="h2">
            {t("login.heading")}
          </Title>
          {notice !== undefined && loginError === null && (
            <Alert color="green" variant="light" role="status">
              {notice === "invitation_accepted"
                ? t("login.noticeInvitationAccepted")
                : t("login.noticePasswordReset")}
            </Alert>
          )}
          {loginError !== null && (
            <Alert key={loginError.attempt} color="red" variant="light">
              {translateApiError(loginError.error)}
            </Alert>
          )}
          <TextInput
            label={t("login.email")}
            type="email"
            autoComplete="username"
            required
            {...form.getInputProps("email")}
          />
          <PasswordField
            label={t("login.password")}
            autoComplete="current-password"
            required
            {...form.getInputProps("password")}
          />
          <Button type="submit" loading={login.isPending}>
            {t("login.submit")}
          </Button>
          <Anchor component={Link} to="/forgot-password" size="sm">
            {t("login.forgotPassword")}
          </Anchor>
        </Stack>
      </form>
    </PublicLayout>
  );
}
