import {
  Alert,
  Button,
  Fieldset,
  Group,
  Input,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { formattingLocale } from "../../../shared/format";
import { currentLanguage, isLanguage, SUPPORTED_LANGUAGES } from "../../../shared/i18n";
import { useCountries } from "../../lib/business-units";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import { CUSTOMER_TYPES, type CustomerType } from "../../lib/customers";
import { CustomFieldsEditor } from "./CustomFieldsEditor";
import type { CustomerFormValues } from "./customer-form-model";

/** A plausible email address: text, one @, a dot in the domain, no spaces. The server decides. */
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface CustomerFormProps {
  initialValues: CustomerFormValues;
  /** False shows the values read-only, for members who are neither admins nor planners. */
  editable: boolean;
  submitLabel: string;
  isSaving: boolean;
  /** Message for the alert above the form, or null. */
  formError: string | null;
  /**
   * Saves the values. Returns the saved values, which the form then shows, or the API's messages
   * by field, which the form shows under the inputs.
   */
  onSubmit: (values: CustomerFormValues) => Promise<CustomerSubmitResult>;
  /** False leaves out the portal access switch, for pages that change the access on their own. */
  withPortalAccess?: boolean;
}

export type CustomerSubmitResult = { saved: CustomerFormValues } | { fieldErrors: Record<string, string> };

/** Edits every field of a customer except the map position, which the location panel sets. */
export function CustomerForm({
  initialValues,
  editable,
  submitLabel,
  isSaving,
  formError,
  onSubmit,
  withPortalAccess = true,
}: CustomerFormProps) {
  const { t } = useTranslation(["customers", "common"]);
  const businessUnit = useCurrentBusinessUnit();

  const form = useForm<CustomerFormValues>({
    initialValues,
    validate: {
      lastName: (value, values) =>
        values.type === "individual" && !value.trim() && !values.firstName.trim()
          ? t("record.errors.personName")
          : null,
      companyName: (value, values) =>
        values.type === "professional" && !value.trim() && !values.firstName.trim() && !values.lastName.trim()
          ? t("record.errors.companyName")
          : null,
      email: (value) =>
        value.trim() === "" || EMAIL_PATTERN.test(value.trim()) ? null : t("record.errors.email"),
      country: (value) => (value ? null : t("record.errors.country")),
      customFields: {
        name: (value, values, path) => {
          const index = Number(path.split(".")[1]);
          const row = values.customFields[index];
          if (value.trim() === "") {
            return row && row.value.trim() !== "" ? t("record.customFields.errors.nameMissing") : null;
          }
          const firstIndex = values.customFields.findIndex(
            (candidate) => candidate.name.trim().toLowerCase() === value.trim().toLowerCase(),
          );
          return firstIndex !== index ? t("record.customFields.errors.nameTaken") : null;
        },
      },
    },
  });

  const handleSubmit = form.onSubmit(
    async (values) => {
      const result = await onSubmit(values);
      if ("saved" in result) {
        form.setInitialValues(result.saved);
        form.setValues(result.saved);
        form.resetDirty(result.saved);
        return;
      }
      form.setErrors(result.fieldErrors);
      const [firstField] = Object.keys(result.fieldErrors);
      if (firstField !== undefined) {
        form.getInputNode(firstField)?.focus();
      }
    },
    (errors) => {
      const [firstField] = Object.keys(errors);
      if (firstField !== undefined) {
        form.getInputNode(firstField)?.focus();
      }
    },
  );

  const typeOptions = CUSTOMER_TYPES.map((type) => ({ value: type, label: t(`types.${type}`) }));
  const languageOptions = SUPPORTED_LANGUAGES.map((language) => ({
    value: language,
    label: t(`common:languages.${language}`),
  }));
  const countries = useCountryOptions(initialValues.country);
  const timeZones = useTimeZoneOptions(initialValues.timeZone);
  const isCompany = form.values.type === "professional";

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Fieldset variant="unstyled" disabled={!editable} p={0} m={0} miw={0}>
        <Stack gap="md">
          {formError !== null && (
            <Alert color="red" variant="light" role="alert">
              {formError}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <TextInput
              label={t("record.fields.reference")}
              description={t("record.hints.reference")}
              autoComplete="off"
              {...form.getInputProps("reference")}
            />
            <Input.Wrapper
              id="customer-type"
              label={t("record.fields.type")}
              labelElement="div"
              description={t("record.hints.type")}
            >
              <SegmentedControl
                aria-labelledby="customer-type-label"
                aria-describedby="customer-type-description"
                classNames={{ input: "segmented-input" }}
                data={typeOptions}
                value={form.values.type}
                onChange={(value) => form.setFieldValue("type", value as CustomerType)}
                disabled={!editable}
                fullWidth
                mt={4}
              />
            </Input.Wrapper>
          </SimpleGrid>
          {isCompany && (
            <TextInput
              label={t("record.fields.companyName")}
              autoComplete="off"
              {...form.getInputProps("companyName")}
            />
          )}
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <TextInput
              label={isCompany ? t("record.fields.contactFirstName") : t("record.fields.firstName")}
              autoComplete="off"
              {...form.getInputProps("firstName")}
            />
            <TextInput
              label={isCompany ? t("record.fields.contactLastName") : t("record.fields.lastName")}
              autoComplete="off"
              {...form.getInputProps("lastName")}
            />
          </SimpleGrid>

          <Title order={3} size="h4" mt="sm">
            {t("record.contactHeading")}
          </Title>
          <TextInput
            label={t("record.fields.email")}
            type="email"
            autoComplete="off"
            {...form.getInputProps("email")}
          />
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <TextInput
              label={t("record.fields.phone")}
              description={t("record.hints.phone")}
              type="tel"
              autoComplete="off"
              {...form.getInputProps("phone")}
            />
            <TextInput
              label={t("record.fields.mobile")}
              description={t("record.hints.phone")}
              type="tel"
              autoComplete="off"
              {...form.getInputProps("mobile")}
            />
          </SimpleGrid>

          <Title order={3} size="h4" mt="sm">
            {t("record.addressHeading")}
          </Title>
          <TextInput
            label={t("record.fields.addressLine1")}
            autoComplete="off"
            {...form.getInputProps("addressLine1")}
          />
          <TextInput
            label={t("record.fields.addressLine2")}
            autoComplete="off"
            {...form.getInputProps("addressLine2")}
          />
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <TextInput
              label={t("record.fields.postcode")}
              autoComplete="off"
              {...form.getInputProps("postcode")}
            />
            <TextInput label={t("record.fields.city")} autoComplete="off" {...form.getInputProps("city")} />
          </SimpleGrid>
          <Select
            label={t("record.fields.country")}
            data={countries}
            searchable
            allowDeselect={false}
            nothingFoundMessage={t("record.nothingFound")}
            {...form.getInputProps("country")}
          />

          <Title order={3} size="h4" mt="sm">
            {withPortalAccess ? t("record.preferencesHeading") : t("record.languageHeading")}
          </Title>
          <SimpleGrid cols={{ base: 1, xs: 2 }} style={{ alignItems: "end" }}>
            <Select
              label={t("record.fields.language")}
              description={t("record.hints.language")}
              data={languageOptions}
              allowDeselect={false}
              {...form.getInputProps("language")}
              onChange={(value) => {
                if (isLanguage(value)) {
                  form.setFieldValue("language", value);
                }
              }}
            />
            <Select
              label={t("record.fields.timeZone")}
              description={t("record.hints.timeZone", { zone: businessUnit.timeZone })}
              placeholder={t("record.timeZoneOfUnit")}
              data={timeZones}
              searchable
              clearable
              clearButtonProps={{ "aria-label": t("record.clearTimeZone") }}
              nothingFoundMessage={t("record.nothingFound")}
              {...form.getInputProps("timeZone")}
            />
          </SimpleGrid>
          {withPortalAccess && (
            <Switch
              label={t("record.fields.portalAccess")}
              description={t("record.hints.portalAccess")}
              {...form.getInputProps("portalAccess", { type: "checkbox" })}
            />
          )}

          <CustomFieldsEditor form={form} editable={editable} />

          <Textarea
            label={t("record.fields.comments")}
            autosize
            minRows={3}
            maxRows={10}
            {...form.getInputProps("comments")}
          />
          {editable && (
            <Group>
              <Button type="submit" loading={isSaving}>
                {submitLabel}
              </Button>
            </Group>
          )}
        </Stack>
      </Fieldset>
    </form>
  );
}

/** Lists the countries named in the UI language, sorted by name. The saved code stays selectable while the list loads. */
function useCountryOptions(savedCountry: string | null) {
  const language = currentLanguage();
  const countries = useCountries(language);
  return useMemo(() => {
    const collator = new Intl.Collator(formattingLocale(language));
    const list = (countries.data ?? [])
      .map((country) => ({ value: country.code, label: country.name }))
      .sort((a, b) => collator.compare(a.label, b.label));
    if (savedCountry && !list.some((option) => option.value === savedCountry)) {
      list.unshift({ value: savedCountry, label: savedCountry });
    }
    return list;
  }, [countries.data, savedCountry, language]);
}

/** Lists the IANA zones of the browser, plus the saved zone when the browser lists it under another name. */
function useTimeZoneOptions(savedZone: string | null) {
  return useMemo(() => {
    const zones = Intl.supportedValuesOf("timeZone");
    if (savedZone && !zones.includes(savedZone)) {
      zones.push(savedZone);
    }
    return zones;
  }, [savedZone]);
}
