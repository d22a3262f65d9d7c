import { NumberInput, SimpleGrid, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { decimalSeparator } from "../../../shared/format";
import type { BusinessUnit } from "../../lib/types";
import { SettingsFormFrame } from "./SettingsFormFrame";
import { textOrNull, useSettingsForm } from "./useSettingsForm";

/** Mantine's NumberInput returns a number, or a string while empty or incomplete (such as "-"). */
type NumberInputValue = number | string;

interface AddressValues {
  addressLine1: string;
  addressLine2: string;
  postcode: string;
  city: string;
  latitude: NumberInputValue;
  longitude: NumberInputValue;
}

const FIELDS = ["addressLine1", "addressLine2", "postcode", "city", "latitude", "longitude"] as const;

function numberOrNull(value: NumberInputValue): number | null {
  return typeof value === "number" ? value : null;
}

function isEmpty(value: NumberInputValue): boolean {
  return value === "";
}

export function AddressForm({ businessUnit }: { businessUnit: BusinessUnit }) {
  const { t } = useTranslation("settings");

  const validateCoordinate =
    (limit: number, rangeMessage: string) => (value: NumberInputValue, values: AddressValues) => {
      if (isEmpty(value)) {
        const otherIsSet = !isEmpty(values.latitude) || !isEmpty(values.longitude);
        return otherIsSet ? t("validation.coordinatesPair") : null;
      }
      return typeof value === "number" && value >= -limit && value <= limit ? null : rangeMessage;
    };

  const { form, handleSubmit, formError, isSaving } = useSettingsForm<AddressValues, (typeof FIELDS)[number]>(
    {
      businessUnit,
      fields: FIELDS,
      toValues: (saved) => ({
        addressLine1: saved.addressLine1 ?? "",
        addressLine2: saved.addressLine2 ?? "",
        postcode: saved.postcode ?? "",
        city: saved.city ?? "",
        latitude: saved.latitude ?? "",
        longitude: saved.longitude ?? "",
      }),
      toPatch: (values) => ({
        addressLine1: textOrNull(values.addressLine1),
        addressLine2: textOrNull(values.addressLine2),
        postcode: textOrNull(values.postcode),
        city: textOrNull(values.city),
        latitude: numberOrNull(values.latitude),
        longitude: numberOrNull(values.longitude),
      }),
      validate: {
        latitude: validateCoordinate(90, t("validation.latitudeRange")),
        longitude: validateCoordinate(180, t("validation.longitudeRange")),
      },
    },
  );

  const separator = decimalSeparator();
  const coordinateProps = {
    decimalSeparator: separator,
    thousandSeparator: false,
    allowDecimal: true,
    allowNegative: true,
    // Values out of range get an error message instead of being changed silently on blur.
    clampBehavior: "none",
    hideControls: true,
    inputMode: "decimal",
  } as const;

  return (
    <SettingsFormFrame onSubmit={handleSubmit} formError={formError} isSaving={isSaving}>
      <TextInput
        label={t("fields.addressLine1")}
        autoComplete="address-line1"
        {...form.getInputProps("addressLine1")}
      />
      <TextInput
        label={t("fields.addressLine2")}
        autoComplete="address-line2"
        {...form.getInputProps("addressLine2")}
      />
      <SimpleGrid cols={{ base: 1, xs: 2 }}>
        <TextInput
          label={t("fields.postcode")}
          autoComplete="postal-code"
          {...form.getInputProps("postcode")}
        />
        <TextInput label={t("fields.city")} autoComplete="address-level2" {...form.getInputProps("city")} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, xs: 2 }}>
        <NumberInput
          label={t("fields.latitude")}
          description={t("hints.latitude")}
          min={-90}
          max={90}
          {...coordinateProps}
          {...form.getInputProps("latitude")}
        />
        <NumberInput
          label={t("fields.longitude")}
          description={t("hints.longitude")}
          min={-180}
          max={180}
          {...coordinateProps}
          {...form.getInputProps("longitude")}
        />
      </SimpleGrid>
    </SettingsFormFrame>
  );
}
