import { Alert, Button, Center, Loader, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { translateApiError } from "../../shared/i18n";

interface QueryStateProps {
  error: unknown;
  onRetry: () => void;
  /** Title of the error alert. The default is a generic "could not be loaded" title. */
  errorTitle?: string;
}

/** Renders a spinner, or an error alert with a retry button, for a query without data yet. */
export function QueryState({ error, onRetry, errorTitle }: QueryStateProps) {
  const { t } = useTranslation();
  if (!error) {
    return (
      <Center py="xl">
        <Loader aria-label={t("loading")} role="status" />
      </Center>
    );
  }
  return (
    <Alert color="red" title={errorTitle ?? t("query.loadFailedTitle")} role="alert">
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{translateApiError(error)}</Text>
        <Button variant="light" color="red" onClick={onRetry}>
          {t("actions.retry")}
        </Button>
      </Stack>
    </Alert>
  );
}
