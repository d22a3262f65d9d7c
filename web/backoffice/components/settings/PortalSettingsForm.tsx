import {
  Box,
  Button,
  Code,
  CopyButton,
  Group,
  List,
  Paper,
  Radio,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../shared/api";
import { applyApiErrorToForm } from "../../lib/form-errors";
import {
  isLoginChannels,
  LOGIN_CHANNELS,
  type LoginChannels,
  type PortalConfig,
  type PortalConfigInput,
  portalAddress,
  useSavePortalConfig,
} from "../../lib/portal";
import { PortalLogoField } from "./PortalLogoField";
import { SettingsFormFrame } from "./SettingsFormFrame";
import { textOrNull } from "./useSettingsForm";

interface PortalValues {
  enabled: boolean;
  displayName: string;
  slug: string;
  contactPhone: string;
  contactEmail: string;
  address: string;
  information: string;
  accessByDefault: boolean;
  loginChannels: LoginChannels;
}

const FIELDS = [
  "enabled",
  "displayName",
  "slug",
  "contactPhone",
  "contactEmail",
  "address",
  "information",
  "accessByDefault",
  "loginChannels",
] as const;

/**
 * The slug rule that the server checks after lower-casing: 3 to 40 letters a-z, digits and
 * single hyphens, with no hyphen at either end. The server also rejects a few reserved names.
 */
const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9]|-(?!-)){1,38}[a-z0-9]$/;

/** A plausible email address: text, one @, a dot in the domain, no spaces. The server decides. */
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Field error codes of the slug and the contact details, which this screen translates itself. */
const PORTAL_FIELD_ERROR_CODES = [
  "slug_too_short",
  "slug_too_long",
  "invalid_slug_characters",
  "invalid_slug_hyphens",
  "reserved_slug",
  "invalid_phone",
  "missing_trunk_prefix",
  "invalid_email",
] as const;
type PortalFieldErrorCode = (typeof PORTAL_FIELD_ERROR_CODES)[number];

function isPortalFieldErrorCode(code: string | undefined): code is PortalFieldErrorCode {
  return (PORTAL_FIELD_ERROR_CODES as readonly (string | undefined)[]).includes(code);
}

function toValues(config: PortalConfig): PortalValues {
  return {
    enabled: config.enabled,
    displayName: config.displayName,
    slug: config.slug ?? "",
    contactPhone: config.contactPhone ?? "",
    contactEmail: config.contactEmail ?? "",
    address: config.address ?? "",
    information: config.information,
    accessByDefault: config.accessByDefault,
    loginChannels: config.loginChannels,
  };
}

function toInput(values: PortalValues): PortalConfigInput {
  return {
    enabled: values.enabled,
    displayName: values.displayName.trim(),
    slug: textOrNull(values.slug.toLowerCase()),
    contactPhone: textOrNull(values.contactPhone),
    contactEmail: textOrNull(values.contactEmail),
    // Only leading and trailing spaces are removed, so line breaks inside the texts stay.
    address: textOrNull(values.address),
    information: values.information.trim(),
    accessByDefault: values.accessByDefault,
    loginChannels: values.loginChannels,
  };
}

interface PortalSettingsFormProps {
  buId: string;
  saved: PortalConfig;
}

/**
 * Edits the portal settings of the unit and saves them with `PUT …/portal`. The logo is
 * uploaded and removed at once, apart from "Save".
 */
export function PortalSettingsForm({ buId, saved }: PortalSettingsFormProps) {
  const { t } = useTranslation(["settings", "errors"]);
  const save = useSavePortalConfig(buId);
  const [formError, setFormError] = useState<string | null>(null);
  const [savedValues, setSavedValues] = useState(() => toValues(saved));

  const form = useForm<PortalValues>({
    initialValues: savedValues,
    validate: {
      slug: (value) =>
        value.trim() === "" || SLUG_PATTERN.test(value.trim().toLowerCase())
          ? null
          : t("portal.validation.slug"),
      contactEmail: (value) =>
        value.trim() === "" || EMAIL_PATTERN.test(value.trim()) ? null : t("portal.validation.email"),
    },
  });

  const showError = (error: unknown) => {
    if (error instanceof ApiError && error.code === "slug_taken") {
      form.setFieldError("slug", t("errors:codes.slug_taken"));
      form.getInputNode("slug")?.focus();
      return;
    }
    setFormError(applyApiErrorToForm(form, error, { fields: FIELDS }));
    // Slug, phone and email codes have their own wording here; other codes keep the shared one.
    if (error instanceof ApiError) {
      const translated = new Set<string>();
      for (const fieldError of error.fieldErrors) {
        const field = FIELDS.find((candidate) => candidate === fieldError.path.split(".")[0]);
        if (field && !translated.has(field) && isPortalFieldErrorCode(fieldError.code)) {
          translated.add(field);
          form.setFieldError(field, t(`portal.fieldErrors.${fieldError.code}`));
        }
      }
    }
  };

  const handleSubmit = form.onSubmit((values) => {
    setFormError(null);
    save.mutate(toInput(values), {
      onSuccess: (updated) => {
        const next = toValues(updated);
        setSavedValues(next);
        form.setInitialValues(next);
        form.setValues(next);
        form.resetDirty(next);
        notifications.show({ color: "green", message: t("portal.saved") });
      },
      onError: showError,
    });
  });

  const values = form.getValues();
  const address = portalAddress(saved.portalUrl, values.slug.toLowerCase());
  const slugChanged = values.slug.trim().toLowerCase() !== savedValues.slug;
  const informationChanged = values.information.trim() !== savedValues.information.trim();

  return (
    <SettingsFormFrame onSubmit={handleSubmit} formError={formError} isSaving={save.isPending}>
      <Text size="sm">{t("portal.intro")}</Text>
      <Switch
        label={t("portal.fields.enabled")}
        description={t("portal.hints.enabled")}
        {...form.getInputProps("enabled", { type: "checkbox" })}
      />
      <TextInput
        label={t("portal.fields.displayName")}
        description={t("portal.hints.displayName")}
        autoComplete="organization"
        {...form.getInputProps("displayName")}
      />

      <Stack gap={6}>
        <TextInput
          label={t("portal.fields.slug")}
          description={t("portal.hints.slug")}
          autoComplete="off"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          {...form.getInputProps("slug")}
        />
        <Group gap="xs" wrap="wrap" align="center">
          <Text size="sm" id="portal-address-label">
            {t("portal.address.label")}
          </Text>
          <Code aria-labelledby="portal-address-label" data-testid="portal-address">
            {address}
          </Code>
          <CopyButton value={address}>
            {({ copied, copy }) => (
              <Button size="compact-sm" variant="light" color={copied ? "teal" : undefined} onClick={copy}>
                {copied ? t("portal.address.copied") : t("portal.address.copy")}
              </Button>
            )}
          </CopyButton>
        </Group>
        {slugChanged && (
          <Text size="sm" c="dimmed">
            {t("portal.address.unsaved")}
          </Text>
        )}
      </Stack>

      <PortalLogoField buId={buId} logoUrl={saved.logoUrl} displayName={saved.displayName} />

      <Title order={3} size="h5" mt="sm">
        {t("portal.contactHeading")}
      </Title>
      <TextInput
        label={t("portal.fields.contactPhone")}
        description={t("portal.hints.contactPhone")}
        type="tel"
        autoComplete="tel"
        {...form.getInputProps("contactPhone")}
      />
      <TextInput
        label={t("portal.fields.contactEmail")}
        description={t("portal.hints.contactEmail")}
        type="email"
        autoComplete="email"
        {...form.getInputProps("contactEmail")}
      />
      <Textarea
        label={t("portal.fields.address")}
        description={t("portal.hints.address")}
        autosize
        minRows={3}
        maxRows={8}
        {...form.getInputProps("address")}
      />

      <Textarea
        label={t("portal.fields.information")}
        description={t("portal.hints.information")}
        autosize
        minRows={5}
        maxRows={20}
        {...form.getInputProps("information")}
      />
      <FormattingHelp />
      <InformationPreview html={saved.informationHtml} changed={informationChanged} />

      <Title order={3} size="h5" mt="sm">
        {t("portal.accessHeading")}
      </Title>
      <Switch
        label={t("portal.fields.accessByDefault")}
        description={t("portal.hints.accessByDefault")}
        {...form.getInputProps("accessByDefault", { type: "checkbox" })}
      />
      <Radio.Group
        label={t("portal.fields.loginChannels")}
        description={t("portal.hints.loginChannels")}
        {...form.getInputProps("loginChannels")}
        onChange={(value) => {
          if (isLoginChannels(value)) {
            form.setFieldValue("loginChannels", value);
          }
        }}
      >
        <Stack gap="xs" mt="xs">
          {LOGIN_CHANNELS.map((channel) => (
            <Radio key={channel} value={channel} label={t(`portal.channels.${channel}`)} />
          ))}
        </Stack>
      </Radio.Group>
    </SettingsFormFrame>
  );
}

/** Lists the basic formatting that the server renders in the information text. */
function FormattingHelp() {
  const { t } = useTranslation("settings");
  return (
    <Box>
      <Text size="sm" fw={500}>
        {t("portal.formatting.title")}
      </Text>
      <List size="sm" spacing={2}>
        <List.Item>{t("portal.formatting.paragraphs")}</List.Item>
        <List.Item>{t("portal.formatting.emphasis")}</List.Item>
        <List.Item>{t("portal.formatting.list")}</List.Item>
        <List.Item>{t("portal.formatting.links")}</List.Item>
        <List.Item>{t("portal.formatting.literal")}</List.Item>
      </List>
    </Box>
  );
}

/** Shows the saved information as customers see it. Only the server renders the formatting. */
function InformationPreview({ html, changed }: { html: string; changed: boolean }) {
  const { t } = useTranslation("settings");
  return (
    <Stack gap={4} component="section" aria-labelledby="portal-information-preview">
      <Text size="sm" fw={500} id="portal-information-preview">
        {t("portal.preview.title")}
      </Text>
      {changed && (
        <Text size="sm" c="dimmed">
          {t("portal.preview.unsaved")}
        </Text>
      )}
      <Paper withBorder p="sm" className="portal-information" data-testid="portal-information-preview">
        {html.trim() === "" ? (
          <Text size="sm" c="dimmed">
            {t("portal.preview.empty")}
          </Text>
        ) : (
          // biome-ignore lint/security/noDangerouslySetInnerHtml: the server renders this HTML from the basic formatting only and escapes everything else the admin typed.
          <div dangerouslySetInnerHTML={{ __html: html }} />
        )}
      </Paper>
    </Stack>
  );
}
