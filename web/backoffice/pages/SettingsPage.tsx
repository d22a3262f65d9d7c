import { Stack, Tabs, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { QueryState } from "../components/QueryState";
import { AddressForm } from "../components/settings/AddressForm";
import { GeneralForm } from "../components/settings/GeneralForm";
import { LocalisationForm } from "../components/settings/LocalisationForm";
import { MessagesSettings } from "../components/settings/MessagesSettings";
import { PortalSettings } from "../components/settings/PortalSettings";
import { SchedulingSettingsForm } from "../components/settings/SchedulingSettingsForm";
import { useBusinessUnit } from "../lib/business-units";
import { useCurrentBusinessUnit } from "../lib/current-business-unit";
import { usePageTitle } from "../lib/page-title";

const TABS = ["general", "localisation", "address", "scheduling", "messages", "portal"] as const;
type SettingsTab = (typeof TABS)[number];

function isSettingsTab(value: string | null): value is SettingsTab {
  return value !== null && (TABS as readonly string[]).includes(value);
}

/**
 * Shows the unit's settings. Admins edit every section. Other members see only the scheduling
 * and messages sections, read-only.
 */
export function SettingsPage() {
  const { t } = useTranslation("settings");
  const businessUnit = useCurrentBusinessUnit();
  usePageTitle(`${t("title")} – ${businessUnit.name}`);

  return (
    <Stack gap="lg">
      <Title order={1}>{t("title")}</Title>
      {businessUnit.isAdmin ? (
        <SettingsTabs buId={businessUnit.id} />
      ) : (
        <Stack gap="md" component="section" aria-labelledby="scheduling-settings">
          <Title order={2} size="h3" id="scheduling-settings">
            {t("tabs.scheduling")}
          </Title>
          <SchedulingSettingsForm buId={businessUnit.id} readOnly headingOrder={3} />
        </Stack>
      )}
      {!businessUnit.isAdmin && (
        <Stack gap="md" component="section" aria-labelledby="messages-settings">
          <Title order={2} size="h3" id="messages-settings">
            {t("tabs.messages")}
          </Title>
          <MessagesSettings buId={businessUnit.id} readOnly headingOrder={3} />
        </Stack>
      )}
    </Stack>
  );
}

/** Renders the settings forms, one per tab. The open tab is kept in the URL (`?tab=localisation`). */
function SettingsTabs({ buId }: { buId: string }) {
  const { t } = useTranslation("settings");
  const [searchParams, setSearchParams] = useSearchParams();
  const query = useBusinessUnit(buId);
  const requestedTab = searchParams.get("tab");
  const tab: SettingsTab = isSettingsTab(requestedTab) ? requestedTab : "general";

  if (!query.data) {
    return <QueryState error={query.error} onRetry={() => void query.refetch()} />;
  }
  const saved = query.data;

  const handleTabChange = (value: string | null) => {
    if (isSettingsTab(value)) {
      setSearchParams({ tab: value }, { replace: true });
    }
  };

  return (
    <Tabs value={tab} onChange={handleTabChange}>
      <Tabs.List aria-label={t("tabs.label")} mb="md">
        {TABS.map((value) => (
          <Tabs.Tab key={value} value={value}>
            {t(`tabs.${value}`)}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      {/* Keyed by business unit, so switching units starts each form from the new unit's values. */}
      <Tabs.Panel value="general">
        <GeneralForm key={saved.id} businessUnit={saved} />
      </Tabs.Panel>
      <Tabs.Panel value="localisation">
        <LocalisationForm key={saved.id} businessUnit={saved} />
      </Tabs.Panel>
      <Tabs.Panel value="address">
        <AddressForm key={saved.id} businessUnit={saved} />
      </Tabs.Panel>
      <Tabs.Panel value="scheduling">
        <SchedulingSettingsForm key={saved.id} buId={saved.id} readOnly={false} headingOrder={2} />
      </Tabs.Panel>
      <Tabs.Panel value="messages">
        <MessagesSettings key={saved.id} buId={saved.id} readOnly={false} headingOrder={2} />
      </Tabs.Panel>
      <Tabs.Panel value="portal">
        <PortalSettings key={saved.id} buId={saved.id} />
      </Tabs.Panel>
    </Tabs>
  );
}
