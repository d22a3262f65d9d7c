import { Alert, Anchor, Button, Group, Progress, Stack, Text } from "@mantine/core";
import type { Ref } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useCurrentBusinessUnit } from "../../../lib/current-business-unit";
import { type ImportStatus, useImportStatus } from "../../../lib/customers";
import { QueryState } from "../../QueryState";
import { ImportReportView } from "./ImportReportView";
import { StepHeading } from "./StepHeading";

interface RunStepProps {
  headingRef: Ref<HTMLHeadingElement>;
  importId: string;
  dryRun: boolean;
  /** Returns to the preview with the same file and choices, such as after a dry run. */
  onBackToPreview: () => void;
  onRestart: () => void;
}

/** Renders step 3, which follows the running import with a progress bar, then shows its report. */
export function RunStep({ headingRef, importId, dryRun, onBackToPreview, onRestart }: RunStepProps) {
  const { t } = useTranslation("customers");
  const businessUnit = useCurrentBusinessUnit();
  const query = useImportStatus(businessUnit.id, importId);
  const status = query.data;
  const finished = status?.status === "done" || status?.status === "failed";

  return (
    <Stack gap="lg">
      <StepHeading headingRef={headingRef} step={3} name={t("import.steps.run")} />
      {query.error && !status ? (
        <QueryState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <RunState status={status} dryRun={dryRun} />
      )}
      {finished && (
        <Group gap="xs">
          {status?.status === "done" && dryRun && (
            <Button onClick={onBackToPreview}>{t("import.run.backToPreview")}</Button>
          )}
          {status?.status === "failed" && (
            <Button onClick={onBackToPreview}>{t("import.run.tryAgain")}</Button>
          )}
          <Button variant="default" onClick={onRestart}>
            {t("import.run.another")}
          </Button>
          <Anchor component={Link} to={`/bu/${encodeURIComponent(businessUnit.id)}/customers`}>
            {t("import.run.toList")}
          </Anchor>
        </Group>
      )}
    </Stack>
  );
}

function RunState({ status, dryRun }: { status: ImportStatus | undefined; dryRun: boolean }) {
  const { t } = useTranslation("customers");
  if (status?.status === "done" && status.report) {
    return <ImportReportView report={status.report} />;
  }
  if (status?.status === "failed") {
    return (
      <Alert color="red" variant="light" role="alert" title={t("import.run.failedTitle")}>
        {status.error?.code === "conflict" ? t("import.run.failedConflict") : t("import.run.failed")}
      </Alert>
    );
  }
  return <RunProgress status={status} dryRun={dryRun} />;
}

/**
 * Shows the progress of a running import. Until the server reports rows written, which on the
 * embedded database happens only at the end, the bar has no value, so it reads as indeterminate.
 */
function RunProgress({ status, dryRun }: { status: ImportStatus | undefined; dryRun: boolean }) {
  const { t } = useTranslation("customers");
  const label = dryRun ? t("import.run.dryRunning") : t("import.run.running");
  const processed = status?.processedRows ?? 0;
  const total = status?.totalRows ?? 0;
  const known = processed > 0 && total > 0;
  const percent = known ? Math.min(100, Math.round((processed / total) * 100)) : 100;

  return (
    <Stack gap="xs">
      <Text size="sm" id="import-progress-label">
        {known ? t("import.run.progress", { processed, count: total }) : label}
      </Text>
      <Progress.Root
        size="lg"
        role="progressbar"
        aria-labelledby="import-progress-label"
        aria-valuemin={known ? 0 : undefined}
        aria-valuemax={known ? 100 : undefined}
        aria-valuenow={known ? percent : undefined}
      >
        <Progress.Section value={percent} striped animated={!known || percent < 100} withAria={false} />
      </Progress.Root>
    </Stack>
  );
}
