import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  Input,
  Paper,
  SegmentedControl,
  Stack,
  Text,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formattingLocale } from "../../../shared/format";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import { type Skill, useSkills, useUpdateWorker, type WorkerDetail } from "../../lib/team";
import { QueryState } from "../QueryState";
import { splitApiError } from "./api-errors";

const SKILL_LEVELS = ["1", "2", "3", "4", "5"] as const;
const DEFAULT_LEVEL = 1;

/** Chosen level per skill id. Skills that the worker lacks are missing. */
type LevelsBySkill = Record<string, number>;

function levelsOf(worker: WorkerDetail): LevelsBySkill {
  return Object.fromEntries(worker.skills.map((skill) => [skill.skillId, skill.level]));
}

/**
 * Edits which of the unit's skills a field worker has, each with a level from 1 to 5, and saves
 * the whole list with `PATCH /workers/:userId`.
 */
export function SkillsForm({ worker }: { worker: WorkerDetail }) {
  const { t } = useTranslation(["team", "common"]);
  const businessUnit = useCurrentBusinessUnit();
  const skillsQuery = useSkills(businessUnit.id);
  const update = useUpdateWorker(businessUnit.id, worker.userId);
  const [levels, setLevels] = useState<LevelsBySkill>(() => levelsOf(worker));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  if (!skillsQuery.data) {
    return <QueryState error={skillsQuery.error} onRetry={() => void skillsQuery.refetch()} />;
  }
  const collator = new Intl.Collator(formattingLocale());
  const skills = [...skillsQuery.data].sort((a, b) => collator.compare(a.name, b.name));

  if (skills.length === 0) {
    return (
      <Stack gap="xs" align="flex-start">
        <Text>{t("skills.noneInUnit")}</Text>
        {businessUnit.isAdmin && (
          <Anchor component={Link} to={`/bu/${encodeURIComponent(businessUnit.id)}/team`}>
            {t("skills.manageLink")}
          </Anchor>
        )}
      </Stack>
    );
  }

  const setLevel = (skillId: string, level: number | null) =>
    setLevels((current) => {
      const next = { ...current };
      if (level === null) {
        delete next[skillId];
      } else {
        next[skillId] = level;
      }
      return next;
    });

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFormError(null);
    setErrors({});
    // Levels of skills missing from the loaded list are left out, because the server rejects unknown skill ids.
    const chosen = skills
      .filter((skill) => levels[skill.id] !== undefined)
      .map((skill) => ({ skillId: skill.id, level: levels[skill.id] ?? DEFAULT_LEVEL }));

    update.mutate(
      { skills: chosen, ...(worker.configured ? {} : { colour: worker.colour }) },
      {
        onSuccess: (updated) => {
          setLevels(levelsOf(updated));
          notifications.show({ color: "green", message: t("skills.saved", { name: worker.name }) });
        },
        onError: (error) => {
          // Paths such as `skills.0.level` index into `chosen`, and the inputs are keyed by skill id.
          const { fieldErrors, formError } = splitApiError(error, "skills.", (path) =>
            /^\d+\.(level|skillId)$/.test(path),
          );
          const bySkill: Record<string, string> = {};
          for (const [path, message] of Object.entries(fieldErrors)) {
            const skillId = chosen[Number(path.split(".")[0])]?.skillId;
            if (skillId !== undefined) {
              bySkill[skillId] ??= message;
            }
          }
          setErrors(bySkill);
          setFormError(formError);
        },
      },
    );
  };

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack gap="md" maw={640}>
        {formError !== null && (
          <Alert color="red" variant="light" role="alert">
            {formError}
          </Alert>
        )}
        <Text size="sm" c="dimmed">
          {t("skills.levelHint")}
        </Text>
        <Stack gap="xs" component="ul" className="plain-list">
          {skills.map((skill) => (
            <li key={skill.id}>
              <SkillRow
                skill={skill}
                level={levels[skill.id] ?? null}
                error={errors[skill.id]}
                onChange={(level) => setLevel(skill.id, level)}
              />
            </li>
          ))}
        </Stack>
        <Group>
          <Button type="submit" loading={update.isPending}>
            {t("common:actions.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

interface SkillRowProps {
  skill: Skill;
  /** Level of the worker in this skill, or null when the worker lacks it. */
  level: number | null;
  error?: string;
  onChange: (level: number | null) => void;
}

function SkillRow({ skill, level, error, onChange }: SkillRowProps) {
  const { t } = useTranslation("team");
  return (
    <Paper withBorder p="sm">
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Checkbox
          label={skill.name}
          checked={level !== null}
          onChange={(event) => onChange(event.currentTarget.checked ? (level ?? DEFAULT_LEVEL) : null)}
        />
        {level !== null && (
          <Group gap="xs" wrap="nowrap">
            <Text size="sm" aria-hidden="true">
              {t("skills.level")}
            </Text>
            <SegmentedControl
              aria-label={t("skills.levelOf", { skill: skill.name })}
              size="sm"
              classNames={{ input: "segmented-input" }}
              data={[...SKILL_LEVELS]}
              value={String(level)}
              onChange={(value) => onChange(Number(value))}
            />
          </Group>
        )}
      </Group>
      {error && <Input.Error mt={6}>{error}</Input.Error>}
    </Paper>
  );
}
