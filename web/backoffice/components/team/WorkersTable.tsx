import { Anchor, Badge, ColorSwatch, Group, Paper, Stack, Table, Text, useMantineTheme } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formattingLocale } from "../../../shared/format";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import { useWorkers, type WorkerSkill, type WorkerSummary } from "../../lib/team";
import { QueryState } from "../QueryState";
import { summarizeWeeklyHours } from "./hours-summary";

/**
 * Lists the field workers of the current business unit: a table on wide screens, one card per
 * worker below the `sm` breakpoint. Each name links to the worker's page.
 */
export function WorkersTable() {
  const { t, i18n } = useTranslation("team");
  const theme = useMantineTheme();
  const businessUnit = useCurrentBusinessUnit();
  const query = useWorkers(businessUnit.id);
  const isWide = useMediaQuery(`(min-width: ${theme.breakpoints.sm})`, true, {
    getInitialValueInEffect: false,
  });

  if (!query.data) {
    return <QueryState error={query.error} onRetry={() => void query.refetch()} />;
  }
  const collator = new Intl.Collator(formattingLocale());
  const workers = [...query.data].sort((a, b) => collator.compare(a.name, b.name));

  if (workers.length === 0) {
    return (
      <Stack gap="xs" align="flex-start">
        <Text>{t("workers.empty")}</Text>
        {businessUnit.isAdmin && (
          <Anchor component={Link} to={`/bu/${encodeURIComponent(businessUnit.id)}/users`}>
            {t("workers.addOnUsersPage")}
          </Anchor>
        )}
      </Stack>
    );
  }

  if (!isWide) {
    return (
      <Stack
        gap="xs"
        component="ul"
        className="plain-list"
        aria-label={t("workers.caption", { businessUnit: businessUnit.name })}
      >
        {workers.map((worker) => (
          <Paper component="li" key={worker.userId} withBorder p="sm">
            <Stack gap={6}>
              <WorkerName worker={worker} buId={businessUnit.id} />
              <Text size="sm">{worker.baseCity ?? <NoBase />}</Text>
              <SkillBadges skills={worker.skills} />
              <Text size="sm">{summarizeWeeklyHours(worker.weeklyHours, i18n.language)}</Text>
              {!worker.configured && <DefaultHoursBadge />}
            </Stack>
          </Paper>
        ))}
      </Stack>
    );
  }

  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped highlightOnHover verticalSpacing="sm">
        <Table.Caption>{t("workers.caption", { businessUnit: businessUnit.name })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("workers.columns.name")}</Table.Th>
            <Table.Th scope="col">{t("workers.columns.base")}</Table.Th>
            <Table.Th scope="col">{t("workers.columns.skills")}</Table.Th>
            <Table.Th scope="col">{t("workers.columns.hours")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {workers.map((worker) => (
            <WorkerRow key={worker.userId} worker={worker} buId={businessUnit.id} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function WorkerRow({ worker, buId }: { worker: WorkerSummary; buId: string }) {
  const { i18n } = useTranslation();
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={500}>
        <WorkerName worker={worker} buId={buId} />
      </Table.Th>
      <Table.Td>{worker.baseCity ?? <NoBase />}</Table.Td>
      <Table.Td>
        <SkillBadges skills={worker.skills} />
      </Table.Td>
      <Table.Td>
        <Text size="sm">{summarizeWeeklyHours(worker.weeklyHours, i18n.language)}</Text>
        {!worker.configured && <DefaultHoursBadge />}
      </Table.Td>
    </Table.Tr>
  );
}

/** Renders the worker's colour, the name as a link to the worker's page, and the email. */
function WorkerName({ worker, buId }: { worker: WorkerSummary; buId: string }) {
  return (
    <Group gap="sm" wrap="nowrap">
      <ColorSwatch color={worker.colour} size={18} aria-hidden="true" style={{ flexShrink: 0 }} />
      <Stack gap={0}>
        <Anchor
          component={Link}
          fw={500}
          to={`/bu/${encodeURIComponent(buId)}/team/${encodeURIComponent(worker.userId)}`}
        >
          {worker.name}
        </Anchor>
        <Text size="xs" c="dimmed">
          {worker.email}
        </Text>
      </Stack>
    </Group>
  );
}

function NoBase() {
  const { t } = useTranslation("team");
  return (
    <Text span c="dimmed" size="sm">
      {t("workers.noBase")}
    </Text>
  );
}

export function DefaultHoursBadge() {
  const { t } = useTranslation("team");
  return (
    <Badge color="orange" variant="light" tt="none">
      {t("workers.defaultHours")}
    </Badge>
  );
}

function SkillBadges({ skills }: { skills: readonly WorkerSkill[] }) {
  const { t } = useTranslation("team");
  if (skills.length === 0) {
    return (
      <Text span c="dimmed" size="sm">
        {t("workers.noSkills")}
      </Text>
    );
  }
  const collator = new Intl.Collator(formattingLocale());
  return (
    <Group gap={4}>
      {[...skills]
        .sort((a, b) => collator.compare(a.name, b.name))
        .map((skill) => (
          <Badge key={skill.skillId} variant="light" tt="none">
            {t("workers.skillWithLevel", { name: skill.name, level: skill.level })}
          </Badge>
        ))}
    </Group>
  );
}
