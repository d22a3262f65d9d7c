import { Stack, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { usePortalConfig } from "../../lib/portal";
import { QueryState } from "../QueryState";
import { PortalAccessForAll } from "./PortalAccessForAll";
import { PortalSettingsForm } from "./PortalSettingsForm";

/**
 * Renders the unit's customer portal settings: the form saved with "Save", then the bulk grant
 * and revoke of access, which apply at once.
 */
export function PortalSettings({ buId }: { buId: string }) {
  const { t } = useTranslation("settings");
  const query = usePortalConfig(buId);
  if (!query.data) {
    return <QueryState error={query.error} onRetry={() => void query.refetch()} />;
  }
  const config = query.data;

  return (
    <Stack gap="xl">
      <PortalSettingsForm buId={buId} saved={config} />
      <Stack gap="md" component="section" aria-labelledby="portal-access-for-all" maw={560}>
        <Title order={2} size="h4" id="portal-access-for-all">
          {t("portal.access.heading")}
        </Title>
        <PortalAccessForAll buId={buId} config={config} />
      </Stack>
    </Stack>
  );
}
