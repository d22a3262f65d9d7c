import { Alert, Button, Checkbox, Group, List, Loader, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { type Ref, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useCurrentBusinessUnit } from "../../../lib/current-business-unit";
import {
  type ColumnMapping,
  type ColumnTarget,
  type ImportMode,
  type ImportPreview,
  useImportPreview,
  useStartImport,
} from "../../../lib/customers";
import type { ImportChoices } from "./choices";
import { MappingTable } from "./MappingTable";
import { ModeChoice } from "./ModeChoice";
import { PreviewRows } from "./PreviewRows";
import { describeFileProblem, describeImportRequestError } from "./problem-text";
import { StepHeading } from "./StepHeading";

interface PreviewStepProps {
  headingRef: Ref<HTMLHeadingElement>;
  choices: ImportChoices;
  preview: ImportPreview;
  /** Reports new choices together with the preview computed for them. */
  onChange: (choices: ImportChoices, preview: ImportPreview) => void;
  onBack: () => void;
  onStarted: (importId: string) => void;
}

/**
 * Renders step 2, which shows how the server read the file (encoding, separator, problems,
 * mapping and first rows). The user changes the mapping and the mode there, each of which
 * requests a new preview, and starts the import.
 */
export function PreviewStep({ headingRef, choices, preview, onChange, onBack, onStarted }: PreviewStepProps) {
  const { t } = useTranslation("customers");
  const businessUnit = useCurrentBusinessUnit();
  const previewRequest = useImportPreview(businessUnit.id);
  const start = useStartImport(businessUnit.id);
  const [error, setError] = useState<string | null>(null);
  // Only the latest preview request may update the screen, as responses can arrive out of order.
  const latestRequest = useRef(0);

  const requestPreview = (next: ImportChoices) => {
    setError(null);
    latestRequest.current += 1;
    const requestNumber = latestRequest.current;
    previewRequest.mutate(
      { ...next.file, mapping: next.mapping, mode: next.mode },
      {
        onSuccess: (result) => {
          if (requestNumber === latestRequest.current) {
            onChange(next, result);
          }
        },
        onError: (failure) => {
          if (requestNumber === latestRequest.current) {
            setError(describeImportRequestError(failure));
          }
        },
      },
    );
  };

  const changeTarget = (header: string, target: ColumnTarget) => {
    const mapping: ColumnMapping = { ...choices.mapping, [header]: target };
    requestPreview({ ...choices, mapping });
  };

  const changeMode = (mode: ImportMode) => requestPreview({ ...choices, mode });

  const startImport = () => {
    setError(null);
    start.mutate(
      { ...choices.file, mapping: choices.mapping, mode: choices.mode, dryRun: choices.dryRun },
      {
        onSuccess: (started) => onStarted(started.id),
        onError: (failure) => setError(describeImportRequestError(failure)),
      },
    );
  };

  const fileErrors = preview.problems.filter((problem) => problem.severity === "error");
  const fileWarnings = preview.problems.filter((problem) => problem.severity === "warning");
  const blocked = fileErrors.length > 0 || preview.modeProblem !== undefined;
  const updating = previewRequest.isPending;

  return (
    <Stack gap="lg">
      <Group gap="sm">
        <StepHeading headingRef={headingRef} step={2} name={t("import.steps.preview")} />
        {updating && <Loader size="sm" aria-label={t("import.preview.updating")} role="status" />}
      </Group>

      <Stack gap="xs">
        <Title order={3} size="h4">
          {t("import.preview.fileHeading", { fileName: preview.fileName })}
        </Title>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} component="dl" spacing="xs" m={0}>
          <Fact term={t("import.preview.encoding")} value={t(`import.encodings.${preview.encoding}`)} />
          <Fact
            term={t("import.preview.separator")}
            value={t(`import.separators.${preview.separatorName}`)}
          />
          <Fact term={t("import.preview.rows")} value={String(preview.counts.rows)} />
          <Fact term={t("import.preview.rowsWithErrors")} value={String(preview.counts.invalid)} />
        </SimpleGrid>
        {preview.counts.duplicates > 0 && (
          <Text size="sm">{t("import.preview.duplicates", { count: preview.counts.duplicates })}</Text>
        )}
      </Stack>

      {fileErrors.length > 0 && (
        <Alert color="red" variant="light" title={t("import.preview.fileErrorsTitle")}>
          <List size="sm" spacing={4}>
            {fileErrors.map((problem) => (
              <List.Item key={`${problem.code}-${problem.column ?? ""}-${problem.row ?? ""}`}>
                {describeFileProblem(problem)}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      {fileWarnings.length > 0 && (
        <Alert color="yellow" variant="light" title={t("import.preview.fileWarningsTitle")}>
          <List size="sm" spacing={4}>
            {fileWarnings.map((problem) => (
              <List.Item key={`${problem.code}-${problem.column ?? ""}-${problem.row ?? ""}`}>
                {describeFileProblem(problem)}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}

      <MappingTable preview={preview} disabled={start.isPending} onChange={changeTarget} />
      <PreviewRows preview={preview} />

      <ModeChoice
        mode={choices.mode}
        hasReferenceColumn={preview.hasReferenceColumn}
        disabled={start.isPending}
        onChange={changeMode}
      />
      {preview.plan && !updating && (
        <Text size="sm" role="status">
          {t("import.preview.plan", {
            rows: preview.counts.rows,
            create: preview.plan.create,
            update: preview.plan.update,
            skip: preview.plan.skip,
            reject: preview.plan.reject,
          })}
        </Text>
      )}
      {preview.modeProblem && (
        <Alert color="red" variant="light" role="alert">
          {preview.modeProblem.code === "reference_column_required"
            ? t("import.mode.referenceRequired")
            : preview.modeProblem.message}
        </Alert>
      )}
      <Checkbox
        label={t("import.dryRun.label")}
        description={t("import.dryRun.hint")}
        checked={choices.dryRun}
        disabled={start.isPending}
        onChange={(event) => onChange({ ...choices, dryRun: event.currentTarget.checked }, preview)}
      />

      {error !== null && (
        <Alert color="red" variant="light" role="alert">
          {error}
        </Alert>
      )}
      {blocked && <Text size="sm">{t("import.preview.blocked")}</Text>}
      <Group gap="xs">
        <Button variant="default" onClick={onBack} disabled={start.isPending}>
          {t("import.back")}
        </Button>
        <Button onClick={startImport} loading={start.isPending} disabled={blocked || updating}>
          {choices.dryRun ? t("import.startDryRun") : t("import.start")}
        </Button>
      </Group>
    </Stack>
  );
}

function Fact({ term, value }: { term: string; value: string }) {
  return (
    <div>
      <Text component="dt" size="sm" c="dimmed">
        {term}
      </Text>
      <Text component="dd" fw={600} m={0}>
        {value}
      </Text>
    </div>
  );
}
