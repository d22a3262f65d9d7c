import { Alert, Button, Center, Loader, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { translatePortalError } from "../lib/errors";

interface QueryStateProps {
  error: unknown;
  onRetry: () => void;
}

/** Renders a spinner, or an error alert with a retry button, for a query without data yet. */
export function QueryState({ error, onRetry }: QueryStateProps) {
  const { t } = useTranslation();
  if (!error) {
    return (
      <Center py="xl">
        <Loader aria-label={t("loading")} role="status" />
      </Center>
    );
  }
  return (
    <Alert color="red" title={t("query.loadFailedTitle")} role="alert">
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{translatePortalError(error)}</Text>
        <Button variant="light" color="red" onClick={onRetry}>
          {t("actions.retry")}
        </Button>
      </Stack>
    </Alert>
  );
}
