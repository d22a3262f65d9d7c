import { type ComboboxItem, type ComboboxLikeRenderOptionInput, Group, Select, Text } from "@mantine/core";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { formattingLocale } from "../../../shared/format";
import {
  currentLanguage,
  isLanguage,
  type Language,
  SUPPORTED_LANGUAGES,
  translateApiError,
} from "../../../shared/i18n";
import { useCountries } from "../../lib/business-units";
import type { BusinessUnit } from "../../lib/types";
import { SettingsFormFrame } from "./SettingsFormFrame";
import { useSettingsForm } from "./useSettingsForm";

interface LocalisationValues {
  timeZone: string | null;
  language: Language;
  country: string | null;
}

const FIELDS = ["timeZone", "language", "country"] as const;

/** Returns the current UTC offset of an IANA zone, for example "GMT+01:00", or "" if unknown. */
function currentOffset(timeZone: string): string {
  try {
    const parts = new Intl.DateTimeFormat("en-GB", { timeZone, timeZoneName: "longOffset" }).formatToParts();
    return parts.find((part) => part.type === "timeZoneName")?.value ?? "";
  } catch {
    return "";
  }
}

/**
 * Lists the IANA zones that the browser supports. A saved zone missing from the list (an alias
 * such as "Europe/Kiev") is added, so it stays selectable.
 */
function useTimeZoneOptions(savedZone: string) {
  return useMemo(() => {
    const zones = Intl.supportedValuesOf("timeZone");
    if (!zones.includes(savedZone)) {
      zones.push(savedZone);
    }
    return zones;
  }, [savedZone]);
}

/** Renders a zone with its current UTC offset in the list. The input shows the zone name only. */
function renderTimeZoneOption({ option }: ComboboxLikeRenderOptionInput<ComboboxItem>) {
  return (
    <Group justify="space-between" wrap="nowrap" w="100%">
      <span>{option.label}</span>
      <Text span size="xs" c="dimmed">
        {currentOffset(option.value)}
      </Text>
    </Group>
  );
}

function useCountryOptions(savedCountry: string | null) {
  const language = currentLanguage();
  const countries = useCountries(language);
  const options = useMemo(() => {
    const collator = new Intl.Collator(formattingLocale(language));
    const list = (countries.data ?? [])
      .map((country) => ({ value: country.code, label: country.name }))
      .sort((a, b) => collator.compare(a.label, b.label));
    // Until the list has loaded, the input shows the saved code in place of the country name.
    if (savedCountry && !list.some((option) => option.value === savedCountry)) {
      list.unshift({ value: savedCountry, label: savedCountry });
    }
    return list;
  }, [countries.data, savedCountry, language]);
  return { options, error: countries.error };
}

export function LocalisationForm({ businessUnit }: { businessUnit: BusinessUnit }) {
  const { t } = useTranslation(["settings", "common"]);
  const timeZones = useTimeZoneOptions(businessUnit.timeZone);
  const countries = useCountryOptions(businessUnit.country);

  const { form, handleSubmit, formError, isSaving } = useSettingsForm<
    LocalisationValues,
    (typeof FIELDS)[number]
  >({
    businessUnit,
    fields: FIELDS,
    toValues: (saved) => ({ timeZone: saved.timeZone, language: saved.language, country: saved.country }),
    toPatch: (values) => ({
      timeZone: values.timeZone ?? undefined,
      language: values.language,
      country: values.country,
    }),
    validate: {
      timeZone: (value) => (value ? null : t("validation.timeZoneRequired")),
    },
  });

  const languageOptions = SUPPORTED_LANGUAGES.map((language) => ({
    value: language,
    label: t(`common:languages.${language}`),
  }));

  const countryInput = form.getInputProps("country");

  return (
    <SettingsFormFrame onSubmit={handleSubmit} formError={formError} isSaving={isSaving}>
      <Select
        label={t("fields.timeZone")}
        data={timeZones}
        searchable
        required
        allowDeselect={false}
        nothingFoundMessage={t("nothingFound")}
        renderOption={renderTimeZoneOption}
        {...form.getInputProps("timeZone")}
      />
      <Select
        label={t("fields.language")}
        data={languageOptions}
        required
        allowDeselect={false}
        {...form.getInputProps("language")}
        onChange={(value) => {
          if (isLanguage(value)) {
            form.setFieldValue("language", value);
          }
        }}
      />
      <Select
        label={t("fields.country")}
        data={countries.options}
        searchable
        clearable
        clearButtonProps={{ "aria-label": t("common:actions.clearSelection") }}
        nothingFoundMessage={t("nothingFound")}
        {...countryInput}
        error={countryInput.error ?? (countries.error ? translateApiError(countries.error) : undefined)}
      />
    </SettingsFormFrame>
  );
}
