import { Alert, Button, Fieldset, Group, NativeSelect, SimpleGrid, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../shared/api";
import { translateApiError } from "../../../shared/i18n";
import {
  type ActivityType,
  type CatalogSkill,
  MAX_SKILL_LEVEL,
  MIN_SKILL_LEVEL,
  useCatalogSkills,
  useUpdateActivityType,
} from "../../lib/catalog";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import { QueryState } from "../QueryState";
import { translateCatalogProblem } from "./problems";

interface SkillRow {
  key: number;
  skillId: string;
  minimumLevel: number;
}

interface RequiredSkillsFormProps {
  activityType: ActivityType;
  canEdit: boolean;
}

let nextRowKey = 0;
function rowKey(): number {
  nextRowKey += 1;
  return nextRowKey;
}

function rowsOf(type: ActivityType): SkillRow[] {
  return type.requiredSkills.map((skill) => ({
    key: rowKey(),
    skillId: skill.skillId,
    minimumLevel: skill.minimumLevel,
  }));
}

const LEVELS = Array.from({ length: MAX_SKILL_LEVEL - MIN_SKILL_LEVEL + 1 }, (_, index) =>
  String(MIN_SKILL_LEVEL + index),
);

/** Edits the skills that a field worker needs for this type, each with a minimum level from 1 to 5. */
export function RequiredSkillsForm({ activityType, canEdit }: RequiredSkillsFormProps) {
  const { t } = useTranslation(["catalog", "common"]);
  const businessUnit = useCurrentBusinessUnit();
  const skills = useCatalogSkills(businessUnit.id);
  const update = useUpdateActivityType(businessUnit.id, activityType.id);
  const [rows, setRows] = useState<SkillRow[]>(() => rowsOf(activityType));
  const [rowErrors, setRowErrors] = useState<Record<number, { skill?: string; level?: string }>>({});
  const [formError, setFormError] = useState<string | null>(null);

  if (!skills.data) {
    return <QueryState error={skills.error} onRetry={() => void skills.refetch()} />;
  }
  const allSkills: CatalogSkill[] = [...skills.data];
  // A required skill that is missing from the list keeps its name from the activity type.
  for (const required of activityType.requiredSkills) {
    if (!allSkills.some((skill) => skill.id === required.skillId)) {
      allSkills.push({ id: required.skillId, name: required.name });
    }
  }

  const updateRow = (key: number, patch: Partial<SkillRow>) =>
    setRows(rows.map((row) => (row.key === key ? { ...row, ...patch } : row)));

  const addRow = () => {
    const unused = allSkills.find((skill) => !rows.some((row) => row.skillId === skill.id));
    if (unused) {
      setRows([...rows, { key: rowKey(), skillId: unused.id, minimumLevel: MIN_SKILL_LEVEL }]);
    }
  };

  const save = () => {
    setFormError(null);
    setRowErrors({});
    const sent = rows;
    update.mutate(
      { requiredSkills: sent.map(({ skillId, minimumLevel }) => ({ skillId, minimumLevel })) },
      {
        onSuccess: (updated) => {
          setRows(rowsOf(updated));
          notifications.show({ color: "green", message: t("skills.saved") });
        },
        onError: (error) => {
          if (!(error instanceof ApiError) || error.fieldErrors.length === 0) {
            setFormError(translateApiError(error));
            return;
          }
          const errors: Record<number, { skill?: string; level?: string }> = {};
          const other: string[] = [];
          for (const problem of error.fieldErrors) {
            const match = /^requiredSkills\.(\d+)\.(skillId|minimumLevel)$/.exec(problem.path);
            const row = match ? sent[Number(match[1])] : undefined;
            if (!match || !row) {
              other.push(translateCatalogProblem(problem));
              continue;
            }
            const entry = errors[row.key] ?? {};
            entry[match[2] === "skillId" ? "skill" : "level"] = translateCatalogProblem(problem);
            errors[row.key] = entry;
          }
          setRowErrors(errors);
          setFormError([translateApiError(error), ...other].join(" "));
        },
      },
    );
  };

  return (
    <Stack gap="md" maw={560}>
      <Text size="sm">{t("skills.intro")}</Text>
      {formError !== null && (
        <Alert color="red" variant="light" role="alert">
          {formError}
        </Alert>
      )}
      {allSkills.length === 0 && <Text c="dimmed">{t("skills.noSkillsInUnit")}</Text>}
      {rows.length === 0 && allSkills.length > 0 && <Text c="dimmed">{t("skills.none")}</Text>}

      {rows.map((row, position) => {
        const number = position + 1;
        const options = allSkills
          .filter((skill) => skill.id === row.skillId || !rows.some((other) => other.skillId === skill.id))
          .map((skill) => ({ value: skill.id, label: skill.name }));
        return (
          <Fieldset key={row.key} legend={t("skills.legend", { number })} p="sm" disabled={!canEdit}>
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
              <NativeSelect
                label={t("skills.skill")}
                aria-label={t("skills.skillOf", { number })}
                data={options}
                value={row.skillId}
                onChange={(event) => updateRow(row.key, { skillId: event.currentTarget.value })}
                error={rowErrors[row.key]?.skill}
              />
              <NativeSelect
                label={t("skills.minimumLevel")}
                aria-label={t("skills.minimumLevelOf", { number })}
                data={LEVELS}
                value={String(row.minimumLevel)}
                onChange={(event) => updateRow(row.key, { minimumLevel: Number(event.currentTarget.value) })}
                error={rowErrors[row.key]?.level}
              />
            </SimpleGrid>
            {canEdit && (
              <Button
                mt="xs"
                variant="subtle"
                color="red"
                size="xs"
                onClick={() => setRows(rows.filter((candidate) => candidate.key !== row.key))}
                aria-label={t("skills.removeOf", { number })}
              >
                {t("skills.remove")}
              </Button>
            )}
          </Fieldset>
        );
      })}

      {canEdit && (
        <Group gap="sm">
          <Button variant="light" onClick={addRow} disabled={rows.length >= allSkills.length}>
            {t("skills.add")}
          </Button>
          <Button onClick={save} loading={update.isPending}>
            {t("skills.save")}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
