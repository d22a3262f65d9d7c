import { Anchor, Button, FileInput, Group, Loader, Stack, Text } from "@mantine/core";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { describeUploadError } from "./answer-errors";
import { ACCEPTED_FILE_TYPES, type FileStorage, MAX_UPLOAD_BYTES } from "./file-storage";

interface FileAnswerInputProps {
  label: string;
  description?: ReactNode;
  error?: string | undefined;
  required: boolean;
  withAsterisk: boolean;
  disabled: boolean;
  /** Maximum number of files in the answer; no limit when undefined. */
  maxCount: number | undefined;
  /** Ids of the files already in the answer. */
  value: string[];
  onChange: (fileIds: string[]) => void;
  files: FileStorage | undefined;
}

/**
 * Renders a file picker that uploads each chosen file at once and adds its id to the answer,
 * then lists the files of the answer with a link and a "Remove" button each.
 */
export function FileAnswerInput({
  label,
  description,
  error,
  required,
  withAsterisk,
  disabled,
  maxCount,
  value,
  onChange,
  files,
}: FileAnswerInputProps) {
  const { t } = useTranslation("forms");
  // Names of the files uploaded here; an answer loaded from the server holds ids only.
  const [fileNames, setFileNames] = useState<Record<string, string>>({});
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const remaining = maxCount === undefined ? Number.POSITIVE_INFINITY : maxCount - value.length;
  const pickerDisabled = disabled || files === undefined || remaining <= 0 || uploading;

  const uploadFiles = async (chosen: File[]) => {
    if (!files || chosen.length === 0) {
      return;
    }
    setUploadError(null);
    if (chosen.length > remaining) {
      setUploadError(t("file.tooMany", { count: maxCount ?? 0 }));
      return;
    }
    const tooLarge = chosen.find((file) => file.size > MAX_UPLOAD_BYTES);
    if (tooLarge) {
      setUploadError(t("file.tooLarge", { fileName: tooLarge.name }));
      return;
    }

    setUploading(true);
    const ids = [...value];
    const names: Record<string, string> = {};
    try {
      for (const file of chosen) {
        const stored = await files.upload(file, file.name);
        ids.push(stored.id);
        names[stored.id] = stored.fileName;
      }
    } catch (failure) {
      setUploadError(describeUploadError(failure));
    } finally {
      // Files uploaded before a failure stay in the answer.
      setFileNames((previous) => ({ ...previous, ...names }));
      onChange(ids);
      setUploading(false);
    }
  };

  const nameOf = (id: string, position: number) =>
    fileNames[id] ?? t("file.unnamed", { number: position + 1 });

  return (
    <Stack gap={6}>
      <FileInput
        label={label}
        description={description}
        error={uploadError ?? error}
        required={required}
        withAsterisk={withAsterisk}
        disabled={pickerDisabled}
        multiple
        accept={ACCEPTED_FILE_TYPES}
        value={[]}
        onChange={(chosen) => void uploadFiles(chosen)}
        placeholder={maxCount === 1 ? t("file.chooseOne") : t("file.choose")}
        rightSection={uploading ? <Loader size="xs" aria-label={t("file.uploading")} /> : undefined}
      />
      {files === undefined && (
        <Text size="xs" c="dimmed">
          {t("uploadUnavailable")}
        </Text>
      )}
      {value.length > 0 && (
        <Stack gap={4} component="ul" className="plain-list" aria-label={t("file.listLabel", { label })}>
          {value.map((id, position) => (
            <Group key={id} component="li" gap="xs" wrap="nowrap" justify="space-between">
              {files ? (
                <Anchor href={files.url(id)} target="_blank" rel="noopener" size="sm" truncate>
                  {nameOf(id, position)}
                </Anchor>
              ) : (
                <Text size="sm" truncate>
                  {nameOf(id, position)}
                </Text>
              )}
              {!disabled && (
                <Button
                  variant="subtle"
                  color="red"
                  size="compact-sm"
                  onClick={() => onChange(value.filter((candidate) => candidate !== id))}
                  aria-label={t("file.removeFor", { fileName: nameOf(id, position) })}
                >
                  {t("file.remove")}
                </Button>
              )}
            </Group>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
