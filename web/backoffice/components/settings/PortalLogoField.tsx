import { Button, Group, Image, Input, Paper, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type ChangeEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../shared/api";
import { translateApiError } from "../../../shared/i18n";
import {
  LOGO_CONTENT_TYPES,
  MAX_LOGO_BYTES,
  useRemovePortalLogo,
  useUploadPortalLogo,
} from "../../lib/portal";

/** Upload errors whose wording `errors.json` has but the shared translation does not list yet. */
const LOGO_ERROR_CODES = ["invalid_image", "image_too_large"] as const;

interface PortalLogoFieldProps {
  buId: string;
  logoUrl: string | null;
  displayName: string;
}

/**
 * Shows the portal logo with a file input that uploads a new one at once, and a "Remove" button.
 * The type and size are checked here first, so a wrong file fails before it is sent. The server
 * checks the bytes again and re-encodes the image.
 */
export function PortalLogoField({ buId, logoUrl, displayName }: PortalLogoFieldProps) {
  const { t } = useTranslation(["settings", "errors"]);
  const inputId = useId();
  const upload = useUploadPortalLogo(buId);
  const remove = useRemovePortalLogo(buId);
  const [error, setError] = useState<string | null>(null);

  const describeError = (failure: unknown): string => {
    const code = failure instanceof ApiError ? failure.code : "";
    const known = LOGO_ERROR_CODES.find((candidate) => candidate === code);
    return known ? t(`errors:codes.${known}`) : translateApiError(failure);
  };

  const handleFile = (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    // Clearing the input lets the same file be chosen again after a failure.
    input.value = "";
    if (!file) {
      return;
    }
    setError(null);
    if (!(LOGO_CONTENT_TYPES as readonly string[]).includes(file.type)) {
      setError(t("errors:codes.invalid_image"));
      return;
    }
    if (file.size > MAX_LOGO_BYTES) {
      setError(t("errors:codes.image_too_large"));
      return;
    }
    upload.mutate(file, {
      onSuccess: () => notifications.show({ color: "green", message: t("portal.logo.uploaded") }),
      onError: (failure) => setError(describeError(failure)),
    });
  };

  const removeLogo = () => {
    setError(null);
    remove.mutate(undefined, {
      onSuccess: () => notifications.show({ color: "green", message: t("portal.logo.removed") }),
      onError: (failure) => setError(describeError(failure)),
    });
  };

  return (
    <Stack gap="xs" component="section" aria-labelledby={`${inputId}-heading`}>
      <Text size="sm" fw={500} id={`${inputId}-heading`}>
        {t("portal.logo.heading")}
      </Text>
      <Paper withBorder p="sm" w="fit-content">
        {logoUrl ? (
          <Image
            src={logoUrl}
            alt={t("portal.logo.alt", { name: displayName })}
            h={96}
            w="auto"
            maw={320}
            fit="contain"
          />
        ) : (
          <Text size="sm" c="dimmed">
            {t("portal.logo.none")}
          </Text>
        )}
      </Paper>
      <Input.Wrapper
        id={inputId}
        label={logoUrl ? t("portal.logo.replace") : t("portal.logo.upload")}
        description={t("portal.logo.hint")}
        error={error}
      >
        <input
          id={inputId}
          type="file"
          accept={LOGO_CONTENT_TYPES.join(",")}
          onChange={handleFile}
          disabled={upload.isPending}
          aria-describedby={
            error === null ? `${inputId}-description` : `${inputId}-description ${inputId}-error`
          }
          aria-invalid={error !== null}
          style={{ display: "block", marginTop: 4 }}
        />
      </Input.Wrapper>
      {upload.isPending && (
        <Text size="sm" role="status">
          {t("portal.logo.uploading")}
        </Text>
      )}
      {logoUrl && (
        <Group>
          <Button variant="default" color="red" onClick={removeLogo} loading={remove.isPending}>
            {t("portal.logo.remove")}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
