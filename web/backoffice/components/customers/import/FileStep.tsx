import { Alert, Button, FileInput, Group, List, Stack, Text } from "@mantine/core";
import { type Ref, useState } from "react";
import { useTranslation } from "react-i18next";
import { useCurrentBusinessUnit } from "../../../lib/current-business-unit";
import {
  type ImportFile,
  type ImportPreview,
  MAX_IMPORT_FILE_BYTES,
  readFileAsBase64,
  useImportPreview,
} from "../../../lib/customers";
import { describeImportRequestError } from "./problem-text";
import { StepHeading } from "./StepHeading";

interface FileStepProps {
  headingRef: Ref<HTMLHeadingElement>;
  /** The file of an earlier pass through the wizard, which "Continue" previews again. */
  initialFile: ImportFile | null;
  onPreviewed: (file: ImportFile, preview: ImportPreview) => void;
}

/**
 * Renders step 1, where the user picks a spreadsheet file that the browser reads and sends to the
 * preview. Nothing is stored yet.
 */
export function FileStep({ headingRef, initialFile, onPreviewed }: FileStepProps) {
  const { t } = useTranslation("customers");
  const businessUnit = useCurrentBusinessUnit();
  const preview = useImportPreview(businessUnit.id);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [requestError, setRequestError] = useState<string | null>(null);
  const [reading, setReading] = useState(false);

  const chosenName = file?.name ?? initialFile?.fileName ?? null;

  const handleContinue = async () => {
    setRequestError(null);
    setFileError(null);
    let importFile = initialFile;
    if (file) {
      if (file.size > MAX_IMPORT_FILE_BYTES) {
        setFileError(t("import.file.tooLarge", { fileName: file.name }));
        return;
      }
      setReading(true);
      try {
        importFile = { fileName: file.name, contentBase64: await readFileAsBase64(file) };
      } catch {
        setFileError(t("import.file.readFailed", { fileName: file.name }));
        return;
      } finally {
        setReading(false);
      }
    }
    if (!importFile) {
      setFileError(t("import.file.missing"));
      return;
    }
    const chosen = importFile;
    preview.mutate(
      { ...chosen, mapping: {}, mode: "create" },
      {
        onSuccess: (result) => onPreviewed(chosen, result),
        onError: (error) => setRequestError(describeImportRequestError(error)),
      },
    );
  };

  return (
    <Stack gap="md" maw={640}>
      <StepHeading headingRef={headingRef} step={1} name={t("import.steps.file")} />
      <Text size="sm">{t("import.file.intro")}</Text>
      <List size="sm" spacing={4}>
        <List.Item>{t("import.file.formats")}</List.Item>
        <List.Item>{t("import.file.headers")}</List.Item>
        <List.Item>{t("import.file.limit")}</List.Item>
      </List>
      <FileInput
        label={t("import.file.label")}
        placeholder={chosenName ?? t("import.file.placeholder")}
        accept=".csv,.txt,.tsv,text/csv,text/plain,text/tab-separated-values"
        value={file}
        onChange={(chosen) => {
          setFile(chosen);
          setFileError(null);
        }}
        error={fileError}
        clearable
        clearButtonProps={{ "aria-label": t("import.file.clear") }}
      />
      {requestError !== null && (
        <Alert color="red" variant="light" role="alert">
          {requestError}
        </Alert>
      )}
      <Group>
        <Button
          onClick={() => void handleContinue()}
          loading={reading || preview.isPending}
          disabled={chosenName === null}
        >
          {t("import.file.continue")}
        </Button>
      </Group>
    </Stack>
  );
}
