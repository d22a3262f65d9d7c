import { Alert, Button, Group, List, NativeSelect, Paper, Stack, Text, Title } from "@mantine/core";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../shared/api";
import {
  currentLanguage,
  isLanguage,
  type Language,
  SUPPORTED_LANGUAGES,
  translateApiError,
} from "../../../shared/i18n";
import { useCheckAnswers } from "../../lib/catalog";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import { answerErrorsByPath } from "../forms/answer-errors";
import { FormRenderer } from "../forms/FormRenderer";
import { staffFileStorage } from "../forms/file-storage";
import { defaultAnswers, type FormDefinition, type FormKind, visibleFields } from "../forms/form-model";

interface FormPreviewProps {
  /** The form as edited, saved or not. */
  form: FormDefinition;
  kind: FormKind;
  activityTypeId: string;
  /** Whether the edited form differs from the saved one, which the check endpoint uses. */
  dirty: boolean;
}

type CheckOutcome = { kind: "valid" } | { kind: "invalid"; errors: Record<string, string>; other: string[] };

/**
 * Renders the edited form as the person filling it in will see it, with live display
 * conditions. "Check answers" sends the answers to the check endpoint, which validates them
 * against the saved form.
 */
export function FormPreview({ form, kind, activityTypeId, dirty }: FormPreviewProps) {
  const { t } = useTranslation(["catalog", "common"]);
  const businessUnit = useCurrentBusinessUnit();
  const check = useCheckAnswers(businessUnit.id, activityTypeId, kind);
  const files = useMemo(() => staffFileStorage(businessUnit.id), [businessUnit.id]);
  const [language, setLanguage] = useState<Language>(currentLanguage);
  const [answers, setAnswers] = useState<Record<string, unknown>>(() => defaultAnswers(form));
  const [outcome, setOutcome] = useState<CheckOutcome | null>(null);

  const runCheck = () => {
    setOutcome(null);
    check.mutate(answers, {
      onSuccess: () => setOutcome({ kind: "valid" }),
      onError: (error) => {
        if (!(error instanceof ApiError) || error.fieldErrors.length === 0) {
          setOutcome({ kind: "invalid", errors: {}, other: [translateApiError(error)] });
          return;
        }
        const errors = answerErrorsByPath(error, form);
        // Problems of answers that no visible input shows are listed in the alert instead.
        const visiblePaths = new Set(visibleFields(form, answers).map((field) => `answers.${field.code}`));
        const other = Object.entries(errors)
          .filter(([path]) => !visiblePaths.has(path))
          .map(([path, message]) => `${path.replace(/^answers\./, "")}: ${message}`);
        setOutcome({ kind: "invalid", errors, other });
      },
    });
  };

  const errorCount = outcome?.kind === "invalid" ? Object.keys(outcome.errors).length : 0;

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={`preview-title-${kind}`}>
      <Stack gap="md">
        <Title order={2} size="h3" id={`preview-title-${kind}`}>
          {t("preview.title")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("preview.intro")}
        </Text>
        <NativeSelect
          label={t("preview.language")}
          data={SUPPORTED_LANGUAGES.map((value) => ({ value, label: t(`common:languages.${value}`) }))}
          value={language}
          onChange={(event) => {
            const next = event.currentTarget.value;
            if (isLanguage(next)) {
              setLanguage(next);
            }
          }}
        />

        {form.fields.length === 0 ? (
          <Text c="dimmed">{t("preview.empty")}</Text>
        ) : (
          <FormRenderer
            form={form}
            answers={answers}
            onChange={(next) => {
              setAnswers(next);
              setOutcome(null);
            }}
            language={language}
            errors={outcome?.kind === "invalid" ? outcome.errors : {}}
            files={files}
            timeZone={businessUnit.timeZone}
          />
        )}

        {outcome?.kind === "valid" && (
          <Alert color="green" role="status" title={t("preview.validTitle")}>
            {t("preview.valid")}
          </Alert>
        )}
        {outcome?.kind === "invalid" && (
          <Alert color="red" role="alert" title={t("preview.invalidTitle")}>
            <Stack gap={4}>
              {errorCount > 0 && <Text size="sm">{t("preview.invalid", { count: errorCount })}</Text>}
              {outcome.other.length > 0 && (
                <List size="sm">
                  {outcome.other.map((message) => (
                    <List.Item key={message}>{message}</List.Item>
                  ))}
                </List>
              )}
            </Stack>
          </Alert>
        )}

        {dirty && (
          <Text size="sm" c="dimmed" id={`preview-unsaved-${kind}`}>
            {t("preview.unsavedHint")}
          </Text>
        )}
        <Group gap="sm">
          <Button
            onClick={runCheck}
            loading={check.isPending}
            disabled={dirty}
            aria-describedby={dirty ? `preview-unsaved-${kind}` : undefined}
          >
            {t("preview.check")}
          </Button>
          <Button
            variant="default"
            onClick={() => {
              setAnswers(defaultAnswers(form));
              setOutcome(null);
            }}
          >
            {t("preview.reset")}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
