import { Anchor, Badge, ColorSwatch, Group, Stack, Tabs, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { BookingPolicyForm } from "../../components/catalog/BookingPolicyForm";
import { CatalogAccess } from "../../components/catalog/CatalogAccess";
import { FormEditor } from "../../components/catalog/FormEditor";
import { GeneralForm } from "../../components/catalog/GeneralForm";
import { PortalDisplayForm } from "../../components/catalog/PortalDisplayForm";
import { RequiredSkillsForm } from "../../components/catalog/RequiredSkillsForm";
import { PortalActionsTab } from "../../components/portal-actions/PortalActionsTab";
import { QueryState } from "../../components/QueryState";
import { type ActivityType, useActivityType } from "../../lib/catalog";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import { usePageTitle } from "../../lib/page-title";

const TABS = [
  "general",
  "skills",
  "activityForm",
  "closingForm",
  "bookingPolicy",
  "portal",
  "portalActions",
] as const;
type TypeTab = (typeof TABS)[number];

function isTypeTab(value: string | null): value is TypeTab {
  return value !== null && (TABS as readonly string[]).includes(value);
}

export function ActivityTypePage() {
  const { t } = useTranslation("catalog");
  const businessUnit = useCurrentBusinessUnit();
  const { typeId = "" } = useParams();
  const query = useActivityType(businessUnit.id, typeId);
  const name = query.data?.name ?? t("title");
  usePageTitle(`${name} – ${t("title")} – ${businessUnit.name}`);

  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/bu/${encodeURIComponent(businessUnit.id)}/catalog`} size="sm">
        {t("type.backToCatalog")}
      </Anchor>
      <CatalogAccess>
        {query.data ? (
          // Keyed by type, so moving to another type starts every tab from that type's values.
          <ActivityTypeTabs key={query.data.id} activityType={query.data} />
        ) : (
          <>
            <Title order={1}>{t("title")}</Title>
            <QueryState error={query.error} onRetry={() => void query.refetch()} />
          </>
        )}
      </CatalogAccess>
    </Stack>
  );
}

/** Renders the type's tabs. The open tab is kept in the URL (`?tab=activityForm`). */
function ActivityTypeTabs({ activityType }: { activityType: ActivityType }) {
  const { t } = useTranslation("catalog");
  const businessUnit = useCurrentBusinessUnit();
  const [searchParams, setSearchParams] = useSearchParams();
  const requestedTab = searchParams.get("tab");
  const tab: TypeTab = isTypeTab(requestedTab) ? requestedTab : "general";
  const canEdit = businessUnit.isAdmin;

  return (
    <Stack gap="md">
      <Group gap="sm" wrap="nowrap" align="center">
        <ColorSwatch color={activityType.colour} size={24} aria-hidden="true" style={{ flexShrink: 0 }} />
        <Title order={1}>{activityType.name}</Title>
        {activityType.archived && (
          <Badge color="gray" variant="outline">
            {t("list.archived")}
          </Badge>
        )}
      </Group>
      {!canEdit && <Text size="sm">{t("type.readOnly")}</Text>}

      <Tabs
        value={tab}
        onChange={(value) => {
          if (isTypeTab(value)) {
            setSearchParams({ tab: value }, { replace: true });
          }
        }}
      >
        <Tabs.List aria-label={t("type.tabsLabel")} mb="md">
          {TABS.map((value) => (
            <Tabs.Tab key={value} value={value}>
              {t(`type.tabs.${value}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="general">
          <GeneralForm activityType={activityType} canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="skills">
          <RequiredSkillsForm activityType={activityType} canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="activityForm">
          <FormEditor activityType={activityType} kind="activity" canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="closingForm">
          <FormEditor activityType={activityType} kind="closing" canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="bookingPolicy">
          <BookingPolicyForm activityType={activityType} canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="portal">
          <PortalDisplayForm activityType={activityType} canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="portalActions">
          <PortalActionsTab activityType={activityType} canEdit={canEdit} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
