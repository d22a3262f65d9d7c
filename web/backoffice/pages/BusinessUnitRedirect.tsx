import { Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Navigate } from "react-router";
import { LogoutButton } from "../components/LogoutButton";
import { PublicLayout } from "../components/PublicLayout";
import { readSavedBusinessUnitId } from "../lib/bu-storage";
import { usePageTitle } from "../lib/page-title";
import { useSignedInSession } from "../lib/session";

/** Opens the business unit used last on this device, else the first one of the session. */
export function BusinessUnitRedirect() {
  const session = useSignedInSession();
  const savedId = readSavedBusinessUnitId();
  const target =
    session.businessUnits.find((businessUnit) => businessUnit.id === savedId) ?? session.businessUnits[0];

  if (!target) {
    return <NoBusinessUnit />;
  }
  return <Navigate to={`/bu/${encodeURIComponent(target.id)}`} replace />;
}

function NoBusinessUnit() {
  const { t } = useTranslation();
  usePageTitle(t("noBusinessUnit.title"));
  return (
    <PublicLayout saveLanguageToAccount headerActions={<LogoutButton />}>
      <Stack gap="md">
        <Title order={1} size="h2">
          {t("noBusinessUnit.title")}
        </Title>
        <Text>{t("noBusinessUnit.message")}</Text>
      </Stack>
    </PublicLayout>
  );
}
