import { Alert, Anchor, Button, Stack, Text, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { translateApiError } from "../../shared/i18n";
import { PublicLayout } from "../components/PublicLayout";
import { useRequestPasswordReset } from "../lib/account-links";
import { usePageTitle } from "../lib/page-title";

// A light check that catches typing mistakes. The server decides which addresses it accepts.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Asks for a password reset link by email. The confirmation reads the same whether or not the
 * address has an account, so the page cannot be used to find out who has one.
 */
export function ForgotPasswordPage() {
  const { t } = useTranslation("auth");
  const request = useRequestPasswordReset();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const confirmationHeading = useRef<HTMLHeadingElement>(null);
  usePageTitle(t("forgotPassword.title"));

  const form = useForm({
    initialValues: { email: "" },
    validate: {
      email: (value) => (EMAIL_PATTERN.test(value.trim()) ? null : t("forgotPassword.emailInvalid")),
    },
  });

  // The confirmation replaces the form, so the focus moves to its heading for keyboard and screen reader users.
  useEffect(() => {
    if (sentTo !== null) {
      confirmationHeading.current?.focus();
    }
  }, [sentTo]);

  const handleSubmit = form.onSubmit((values) => {
    const email = values.email.trim();
    request.mutate(email, { onSuccess: () => setSentTo(email) });
  });

  if (sentTo !== null) {
    return (
      <PublicLayout>
        <Stack gap="md">
          <Title order={1} size="h2" ref={confirmationHeading} tabIndex={-1}>
            {t("forgotPassword.sentTitle")}
          </Title>
          <Text>{t("forgotPassword.sent", { email: sentTo })}</Text>
          <Text size="sm" c="dimmed">
            {t("forgotPassword.sentHint")}
          </Text>
          <Anchor
            component="button"
            type="button"
            ta="left"
            onClick={() => {
              request.reset();
              setSentTo(null);
            }}
          >
            {t("forgotPassword.again")}
          </Anchor>
          <Anchor component={Link} to="/login">
            {t("forgotPassword.backToLogin")}
          </Anchor>
        </Stack>
      </PublicLayout>
    );
  }

  return (
    <PublicLayout>
      <form onSubmit={handleSubmit} noValidate>
        <Stack gap="md">
          <Title order={1} size="h2">
            {t("forgotPassword.title")}
          </Title>
          <Text>{t("forgotPassword.intro")}</Text>
          {request.isError && (
            <Alert color="red" variant="light" role="alert">
              {translateApiError(request.error)}
            </Alert>
          )}
          <TextInput
            label={t("forgotPassword.email")}
            type="email"
            autoComplete="username"
            required
            {...form.getInputProps("email")}
          />
          <Button type="submit" loading={request.isPending}>
            {t("forgotPassword.submit")}
          </Button>
          <Anchor component={Link} to="/login" size="sm">
            {t("forgotPassword.backToLogin")}
          </Anchor>
        </Stack>
      </form>
    </PublicLayout>
  );
}
