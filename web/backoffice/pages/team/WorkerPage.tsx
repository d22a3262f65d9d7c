import { Anchor, ColorSwatch, Group, Stack, Tabs, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { QueryState } from "../../components/QueryState";
import { AvailabilityStrip } from "../../components/team/AvailabilityStrip";
import { ExceptionsPanel } from "../../components/team/ExceptionsPanel";
import { HoursForm } from "../../components/team/HoursForm";
import { PlannerOnly, useIsPlanner } from "../../components/team/PlannerOnly";
import { ProfileForm } from "../../components/team/ProfileForm";
import { SkillsForm } from "../../components/team/SkillsForm";
import { TeamDatesProvider } from "../../components/team/TeamDatesProvider";
import { UnavailabilitiesPanel } from "../../components/team/UnavailabilitiesPanel";
import { DefaultHoursBadge } from "../../components/team/WorkersTable";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import { usePageTitle } from "../../lib/page-title";
import { useWorker, type WorkerDetail } from "../../lib/team";

const TABS = ["profile", "hours", "skills", "exceptions", "unavailabilities", "availability"] as const;
type WorkerTab = (typeof TABS)[number];

function isWorkerTab(value: string | null): value is WorkerTab {
  return value !== null && (TABS as readonly string[]).includes(value);
}

/** Shows one field worker: profile, working hours, skills, exceptions, unavailabilities and availability. */
export function WorkerPage() {
  const { t } = useTranslation("team");
  const businessUnit = useCurrentBusinessUnit();
  const isPlanner = useIsPlanner();
  const { userId = "" } = useParams();

  if (!isPlanner) {
    return <NoAccess />;
  }
  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/bu/${encodeURIComponent(businessUnit.id)}/team`} size="sm">
        {t("worker.backToTeam")}
      </Anchor>
      <WorkerDetails userId={userId} />
    </Stack>
  );
}

/** Renders the page for users who are neither admins nor planners, without the link to the team. */
function NoAccess() {
  const { t } = useTranslation("team");
  const businessUnit = useCurrentBusinessUnit();
  usePageTitle(`${t("worker.fallbackTitle")} – ${businessUnit.name}`);
  return (
    <Stack gap="lg">
      <Title order={1}>{t("worker.fallbackTitle")}</Title>
      <PlannerOnly>{null}</PlannerOnly>
    </Stack>
  );
}

function WorkerDetails({ userId }: { userId: string }) {
  const { t } = useTranslation("team");
  const businessUnit = useCurrentBusinessUnit();
  const query = useWorker(businessUnit.id, userId);
  const worker = query.data;
  usePageTitle(`${worker?.name ?? t("worker.fallbackTitle")} – ${t("title")} – ${businessUnit.name}`);

  if (!worker) {
    return (
      <Stack gap="md">
        <Title order={1}>{t("worker.fallbackTitle")}</Title>
        <QueryState error={query.error} onRetry={() => void query.refetch()} />
      </Stack>
    );
  }

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Group gap="sm" wrap="nowrap">
          <ColorSwatch color={worker.colour} size={22} aria-hidden="true" style={{ flexShrink: 0 }} />
          <Title order={1}>{worker.name}</Title>
        </Group>
        <Group gap="sm">
          <Text c="dimmed">{worker.email}</Text>
          {!worker.configured && <DefaultHoursBadge />}
        </Group>
      </Stack>
      {/* Keyed by worker, so opening another worker starts each form from that worker's values. */}
      <TeamDatesProvider>
        <WorkerTabs key={worker.userId} worker={worker} />
      </TeamDatesProvider>
    </Stack>
  );
}

/** Renders the tabs of the worker page. The open tab is kept in the URL (`?tab=hours`). */
function WorkerTabs({ worker }: { worker: WorkerDetail }) {
  const { t } = useTranslation("team");
  const [searchParams, setSearchParams] = useSearchParams();
  const requestedTab = searchParams.get("tab");
  const tab: WorkerTab = isWorkerTab(requestedTab) ? requestedTab : "profile";

  const handleTabChange = (value: string | null) => {
    if (isWorkerTab(value)) {
      // Other parameters, such as the first day of the availability strip, are kept.
      setSearchParams(
        (current) => {
          const next = new URLSearchParams(current);
          next.set("tab", value);
          return next;
        },
        { replace: true },
      );
    }
  };

  return (
    <Tabs value={tab} onChange={handleTabChange}>
      <Tabs.List aria-label={t("worker.tabsLabel")} mb="md">
        {TABS.map((value) => (
          <Tabs.Tab key={value} value={value}>
            {t(`worker.tabs.${value}`)}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      <Tabs.Panel value="profile">
        <ProfileForm worker={worker} />
      </Tabs.Panel>
      <Tabs.Panel value="hours">
        <HoursForm worker={worker} />
      </Tabs.Panel>
      <Tabs.Panel value="skills">
        <SkillsForm worker={worker} />
      </Tabs.Panel>
      <Tabs.Panel value="exceptions">
        <ExceptionsPanel worker={worker} />
      </Tabs.Panel>
      <Tabs.Panel value="unavailabilities">
        <UnavailabilitiesPanel worker={worker} />
      </Tabs.Panel>
      <Tabs.Panel value="availability">
        <AvailabilityStrip worker={worker} />
      </Tabs.Panel>
    </Tabs>
  );
}
