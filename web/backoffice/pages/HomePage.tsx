import { Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Navigate } from "react-router";
import { RoleBadges } from "../components/Roles";
import { useCurrentBusinessUnit } from "../lib/current-business-unit";
import { usePageTitle } from "../lib/page-title";
import { useSignedInSession } from "../lib/session";

export function HomePage() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const businessUnit = useCurrentBusinessUnit();
  usePageTitle(`${t("home.title")} – ${businessUnit.name}`);

  // A field worker's home is their day: the visits to make, on the phone they carry.
  const onlyFieldWorker = businessUnit.roles.every((role) => role === "field_worker");
  if (onlyFieldWorker) return <Navigate to={`/bu/${encodeURIComponent(businessUnit.id)}/my-day`} replace />;

  return (
    <Stack gap="md">
      <Title order={1}>{t("home.welcome", { name: session.user.name })}</Title>
      <Text>
        {t("home.intro", { businessUnit: businessUnit.name, organization: session.organization.name })}
      </Text>
      <Stack gap={4}>
        <Title order={2} size="h4">
          {t("home.yourRoles")}
        </Title>
        <RoleBadges roles={businessUnit.roles} />
      </Stack>
    </Stack>
  );
}
