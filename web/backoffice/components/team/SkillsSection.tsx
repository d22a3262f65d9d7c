import { Alert, Button, Group, Modal, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../shared/api";
import { formattingLocale } from "../../../shared/format";
import { translateApiError } from "../../../shared/i18n";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import { type Skill, useAddSkill, useDeleteSkill, useRenameSkill, useSkills } from "../../lib/team";
import { QueryState } from "../QueryState";
import { splitApiError } from "./api-errors";
import { ConfirmDeleteModal } from "./ConfirmDeleteModal";

const MAX_NAME_LENGTH = 100;

/**
 * Returns the message for a failed skill name save: under the name input when the server names
 * the field (a name already taken), otherwise in an alert.
 */
function skillNameErrors(error: unknown): { nameError: string | null; formError: string | null } {
  const { fieldErrors, formError } = splitApiError(error, "", (path) => path === "name");
  const nameError = fieldErrors.name ?? null;
  return { nameError, formError: nameError === null ? formError : null };
}

/** Lists the unit's skills for admins, with forms to add, rename and delete them. */
export function SkillsSection() {
  const { t } = useTranslation("team");
  const businessUnit = useCurrentBusinessUnit();
  const query = useSkills(businessUnit.id);
  const [toRename, setToRename] = useState<Skill | null>(null);
  const [toDelete, setToDelete] = useState<Skill | null>(null);

  const collator = new Intl.Collator(formattingLocale());
  const skills = [...(query.data ?? [])].sort((a, b) => collator.compare(a.name, b.name));

  return (
    <Stack gap="md" component="section" aria-labelledby="skills-heading">
      <Title order={2} id="skills-heading">
        {t("skills.title")}
      </Title>
      <Text size="sm" c="dimmed" maw={720}>
        {t("skills.intro")}
      </Text>
      <AddSkillForm />
      {!query.data ? (
        <QueryState error={query.error} onRetry={() => void query.refetch()} />
      ) : skills.length === 0 ? (
        <Text>{t("skills.empty")}</Text>
      ) : (
        <Stack gap={6} component="ul" className="plain-list" aria-labelledby="skills-heading" maw={720}>
          {skills.map((skill) => (
            <Paper component="li" key={skill.id} withBorder px="sm" py={6}>
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Text>{skill.name}</Text>
                <Group gap="xs" wrap="nowrap">
                  <Button
                    size="xs"
                    variant="light"
                    aria-label={t("skills.renameFor", { name: skill.name })}
                    onClick={() => setToRename(skill)}
                  >
                    {t("skills.rename")}
                  </Button>
                  <Button
                    size="xs"
                    variant="light"
                    color="red"
                    aria-label={t("skills.deleteFor", { name: skill.name })}
                    onClick={() => setToDelete(skill)}
                  >
                    {t("skills.delete")}
                  </Button>
                </Group>
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      <RenameSkillModal skill={toRename} onClose={() => setToRename(null)} />
      <DeleteSkillModal skill={toDelete} onClose={() => setToDelete(null)} />
    </Stack>
  );
}

function AddSkillForm() {
  const { t } = useTranslation("team");
  const businessUnit = useCurrentBusinessUnit();
  const addSkill = useAddSkill(businessUnit.id);
  const [name, setName] = useState("");
  const [nameError, setNameError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFormError(null);
    const trimmed = name.trim();
    if (trimmed === "") {
      setNameError(t("skills.errors.nameRequired"));
      return;
    }
    setNameError(null);
    addSkill.mutate(trimmed, {
      onSuccess: (skill) => {
        setName("");
        notifications.show({ color: "green", message: t("skills.added", { name: skill.name }) });
      },
      onError: (error) => {
        const errors = skillNameErrors(error);
        setNameError(errors.nameError);
        setFormError(errors.formError);
      },
    });
  };

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack gap="xs" maw={720}>
        {formError !== null && (
          <Alert color="red" variant="light" role="alert">
            {formError}
          </Alert>
        )}
        <Group align="flex-start" gap="sm" wrap="wrap">
          <TextInput
            label={t("skills.newName")}
            value={name}
            maxLength={MAX_NAME_LENGTH}
            onChange={(event) => setName(event.currentTarget.value)}
            error={nameError}
            w={{ base: "100%", xs: 320 }}
          />
          <Button type="submit" loading={addSkill.isPending} mt={{ base: 0, xs: 25 }}>
            {t("skills.add")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function RenameSkillModal({ skill, onClose }: { skill: Skill | null; onClose: () => void }) {
  const { t } = useTranslation("team");
  return (
    <Modal
      opened={skill !== null}
      onClose={onClose}
      title={skill ? t("skills.renameTitle", { name: skill.name }) : ""}
    >
      {/* Keyed by skill, so the form starts from the name of the skill being renamed. */}
      {skill && <RenameSkillForm key={skill.id} skill={skill} onClose={onClose} />}
    </Modal>
  );
}

function RenameSkillForm({ skill, onClose }: { skill: Skill; onClose: () => void }) {
  const { t } = useTranslation(["team", "common"]);
  const businessUnit = useCurrentBusinessUnit();
  const renameSkill = useRenameSkill(businessUnit.id);
  const [name, setName] = useState(skill.name);
  const [nameError, setNameError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFormError(null);
    const trimmed = name.trim();
    if (trimmed === "") {
      setNameError(t("skills.errors.nameRequired"));
      return;
    }
    setNameError(null);
    renameSkill.mutate(
      { skillId: skill.id, name: trimmed },
      {
        onSuccess: (renamed) => {
          notifications.show({
            color: "green",
            message: t("skills.renamed", { oldName: skill.name, name: renamed.name }),
          });
          onClose();
        },
        onError: (error) => {
          const errors = skillNameErrors(error);
          setNameError(errors.nameError);
          setFormError(errors.formError);
        },
      },
    );
  };

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack gap="md">
        {formError !== null && (
          <Alert color="red" variant="light" role="alert">
            {formError}
          </Alert>
        )}
        <TextInput
          label={t("skills.name")}
          value={name}
          maxLength={MAX_NAME_LENGTH}
          onChange={(event) => setName(event.currentTarget.value)}
          error={nameError}
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common:actions.cancel")}
          </Button>
          <Button type="submit" loading={renameSkill.isPending}>
            {t("common:actions.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function DeleteSkillModal({ skill, onClose }: { skill: Skill | null; onClose: () => void }) {
  const { t } = useTranslation("team");
  const businessUnit = useCurrentBusinessUnit();
  const deleteSkill = useDeleteSkill(businessUnit.id);

  const close = () => {
    deleteSkill.reset();
    onClose();
  };
  const confirm = () => {
    if (!skill) {
      return;
    }
    deleteSkill.mutate(skill.id, {
      onSuccess: () => {
        notifications.show({ color: "green", message: t("skills.deleted", { name: skill.name }) });
        close();
      },
    });
  };

  let error: string | null = null;
  if (deleteSkill.isError) {
    // The server answers skill_in_use when an activity type requires the skill.
    const isInUse = deleteSkill.error instanceof ApiError && deleteSkill.error.code === "skill_in_use";
    error = isInUse
      ? t("skills.deleteConflict", { name: skill?.name ?? "" })
      : translateApiError(deleteSkill.error);
  }

  return (
    <ConfirmDeleteModal
      opened={skill !== null}
      title={skill ? t("skills.deleteTitle", { name: skill.name }) : ""}
      message={skill ? t("skills.deleteMessage", { name: skill.name }) : ""}
      confirmLabel={t("skills.deleteConfirm")}
      error={error}
      isPending={deleteSkill.isPending}
      onConfirm={confirm}
      onClose={close}
    />
  );
}
