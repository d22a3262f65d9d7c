import {
  Anchor,
  Badge,
  Button,
  ColorSwatch,
  Group,
  Stack,
  Switch,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { CatalogAccess } from "../../components/catalog/CatalogAccess";
import { formatMinutes } from "../../components/catalog/format";
import { NewActivityTypeModal } from "../../components/catalog/NewActivityTypeModal";
import { QueryState } from "../../components/QueryState";
import { useActivityTypes } from "../../lib/catalog";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import { usePageTitle } from "../../lib/page-title";

export function CatalogPage() {
  const { t } = useTranslation("catalog");
  const businessUnit = useCurrentBusinessUnit();
  usePageTitle(`${t("title")} – ${businessUnit.name}`);

  return (
    <Stack gap="lg">
      <Title order={1}>{t("title")}</Title>
      <CatalogAccess>
        <ActivityTypesTable />
      </CatalogAccess>
    </Stack>
  );
}

/** Lists the activity types. "Show archived" is kept in the URL (`?archived=1`). */
function ActivityTypesTable() {
  const { t } = useTranslation("catalog");
  const businessUnit = useCurrentBusinessUnit();
  const query = useActivityTypes(businessUnit.id);
  const [searchParams, setSearchParams] = useSearchParams();
  const [createOpened, createModal] = useDisclosure(false);
  const showArchived = searchParams.get("archived") === "1";
  const base = `/bu/${encodeURIComponent(businessUnit.id)}/catalog`;

  if (!query.data) {
    return <QueryState error={query.error} onRetry={() => void query.refetch()} />;
  }
  const collator = new Intl.Collator(undefined, { sensitivity: "base" });
  const types = query.data
    .filter((type) => showArchived || !type.archived)
    .sort((a, b) => collator.compare(a.name, b.name));

  const rows = types.map((type) => (
    <Table.Tr key={type.id}>
      <Table.Td>
        <ColorSwatch color={type.colour} size={20} aria-hidden="true" />
        <VisuallyHidden>{type.colour}</VisuallyHidden>
      </Table.Td>
      <Table.Th scope="row" fw={500}>
        <Anchor component={Link} to={`${base}/${encodeURIComponent(type.id)}`}>
          {type.name}
        </Anchor>
      </Table.Th>
      <Table.Td>{t(`operatingModes.${type.operatingMode}`)}</Table.Td>
      <Table.Td>{formatMinutes(type.defaultDurationMinutes)}</Table.Td>
      <Table.Td>
        {type.requiredSkills.length === 0 ? (
          <Text span c="dimmed" size="sm">
            {t("list.noSkills")}
          </Text>
        ) : (
          <Group gap={4}>
            {type.requiredSkills.map((skill) => (
              <Badge key={skill.skillId} variant="light" tt="none">
                {t("list.skillWithLevel", { name: skill.name, level: skill.minimumLevel })}
              </Badge>
            ))}
          </Group>
        )}
      </Table.Td>
      <Table.Td>
        {type.archived && (
          <Badge color="gray" variant="outline">
            {t("list.archived")}
          </Badge>
        )}
      </Table.Td>
    </Table.Tr>
  ));

  return (
    <Stack gap="md">
      <Group justify="space-between" gap="sm">
        {businessUnit.isAdmin ? <Button onClick={createModal.open}>{t("create.button")}</Button> : <span />}
        <Switch
          label={t("list.showArchived")}
          checked={showArchived}
          onChange={(event) =>
            setSearchParams(event.currentTarget.checked ? { archived: "1" } : {}, { replace: true })
          }
        />
      </Group>

      {types.length === 0 ? (
        <Text>{query.data.length === 0 ? t("list.empty") : t("list.allArchived")}</Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover verticalSpacing="sm">
            <Table.Caption>{t("list.caption", { businessUnit: businessUnit.name })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("list.columns.colour")}</Table.Th>
                <Table.Th scope="col">{t("list.columns.name")}</Table.Th>
                <Table.Th scope="col">{t("list.columns.operatingMode")}</Table.Th>
                <Table.Th scope="col">{t("list.columns.duration")}</Table.Th>
                <Table.Th scope="col">{t("list.columns.skills")}</Table.Th>
                <Table.Th scope="col">{t("list.columns.status")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>{rows}</Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      {businessUnit.isAdmin && <NewActivityTypeModal opened={createOpened} onClose={createModal.close} />}
    </Stack>
  );
}
