import {
  Alert,
  Button,
  ColorInput,
  Group,
  NumberInput,
  SimpleGrid,
  Stack,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { decimalSeparator } from "../../../shared/format";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import { useUpdateWorker, type WorkerDetail, type WorkerPatch } from "../../lib/team";
import { splitApiError } from "./api-errors";

/** Mantine's NumberInput returns a number, or a string while empty or incomplete (such as "-"). */
type NumberInputValue = number | string;

interface ProfileValues {
  colour: string;
  baseAddressLine1: string;
  baseAddressLine2: string;
  basePostcode: string;
  baseCity: string;
  baseLatitude: NumberInputValue;
  baseLongitude: NumberInputValue;
}

const FIELDS = [
  "colour",
  "baseAddressLine1",
  "baseAddressLine2",
  "basePostcode",
  "baseCity",
  "baseLatitude",
  "baseLongitude",
] as const;

const COLOUR_PATTERN = /^#[0-9a-f]{6}$/i;

/** Colours offered in the picker: the server's defaults for new workers, then a few more. */
const COLOUR_SWATCHES = [
  "#1c7ed6",
  "#e8590c",
  "#2f9e44",
  "#ae3ec9",
  "#f08c00",
  "#0c8599",
  "#e03131",
  "#5f3dc4",
  "#d6336c",
  "#495057",
];

function toValues(worker: WorkerDetail): ProfileValues {
  return {
    colour: worker.colour,
    baseAddressLine1: worker.baseAddressLine1 ?? "",
    baseAddressLine2: worker.baseAddressLine2 ?? "",
    basePostcode: worker.basePostcode ?? "",
    baseCity: worker.baseCity ?? "",
    baseLatitude: worker.baseLatitude ?? "",
    baseLongitude: worker.baseLongitude ?? "",
  };
}

function textOrNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === "" ? null : trimmed;
}

function numberOrNull(value: NumberInputValue): number | null {
  return typeof value === "number" ? value : null;
}

function toPatch(values: ProfileValues): WorkerPatch {
  return {
    colour: values.colour.toLowerCase(),
    baseAddressLine1: textOrNull(values.baseAddressLine1),
    baseAddressLine2: textOrNull(values.baseAddressLine2),
    basePostcode: textOrNull(values.basePostcode),
    baseCity: textOrNull(values.baseCity),
    baseLatitude: numberOrNull(values.baseLatitude),
    baseLongitude: numberOrNull(values.baseLongitude),
  };
}

/** Edits a field worker's colour and base address, and saves them with `PATCH /workers/:userId`. */
export function ProfileForm({ worker }: { worker: WorkerDetail }) {
  const { t } = useTranslation(["team", "common"]);
  const businessUnit = useCurrentBusinessUnit();
  const update = useUpdateWorker(businessUnit.id, worker.userId);
  const [formError, setFormError] = useState<string | null>(null);

  const validateCoordinate =
    (limit: number, rangeMessage: string) => (value: NumberInputValue, values: ProfileValues) => {
      if (value === "") {
        const otherIsSet = values.baseLatitude !== "" || values.baseLongitude !== "";
        return otherIsSet ? t("profile.errors.coordinatesPair") : null;
      }
      return typeof value === "number" && value >= -limit && value <= limit ? null : rangeMessage;
    };

  const form = useForm<ProfileValues>({
    initialValues: toValues(worker),
    validate: {
      colour: (value) => (COLOUR_PATTERN.test(value.trim()) ? null : t("profile.errors.colour")),
      baseLatitude: validateCoordinate(90, t("profile.errors.latitudeRange")),
      baseLongitude: validateCoordinate(180, t("profile.errors.longitudeRange")),
    },
  });

  const handleSubmit = form.onSubmit((values) => {
    setFormError(null);
    update.mutate(toPatch(values), {
      onSuccess: (updated) => {
        const saved = toValues(updated);
        form.setInitialValues(saved);
        form.setValues(saved);
        form.resetDirty(saved);
        notifications.show({ color: "green", message: t("profile.saved", { name: worker.name }) });
      },
      onError: (error) => {
        const { fieldErrors, formError } = splitApiError(error, "", (path) =>
          (FIELDS as readonly string[]).includes(path),
        );
        form.setErrors(fieldErrors);
        setFormError(formError);
        const [firstField] = Object.keys(fieldErrors);
        if (firstField !== undefined) {
          form.getInputNode(firstField)?.focus();
        }
      },
    });
  });

  const coordinateProps = {
    decimalSeparator: decimalSeparator(),
    thousandSeparator: false,
    allowDecimal: true,
    allowNegative: true,
    // Values out of range get an error message instead of being changed silently on blur.
    clampBehavior: "none",
    hideControls: true,
    inputMode: "decimal",
  } as const;
  // A typed comma or point both start the decimals, whatever the language.
  const allowedDecimalSeparators = [",", "."];

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack gap="md" maw={560}>
        {formError !== null && (
          <Alert color="red" variant="light" role="alert">
            {formError}
          </Alert>
        )}
        <ColorInput
          label={t("profile.colour")}
          description={t("profile.colourHint")}
          format="hex"
          swatches={COLOUR_SWATCHES}
          swatchesPerRow={10}
          eyeDropperButtonProps={{ "aria-label": t("profile.pickColourFromScreen") }}
          {...form.getInputProps("colour")}
        />
        <Title order={2} size="h4" mt="sm">
          {t("profile.baseHeading")}
        </Title>
        <TextInput
          label={t("profile.addressLine1")}
          autoComplete="off"
          {...form.getInputProps("baseAddressLine1")}
        />
        <TextInput
          label={t("profile.addressLine2")}
          autoComplete="off"
          {...form.getInputProps("baseAddressLine2")}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <TextInput
            label={t("profile.postcode")}
            autoComplete="off"
            {...form.getInputProps("basePostcode")}
          />
          <TextInput label={t("profile.city")} autoComplete="off" {...form.getInputProps("baseCity")} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <NumberInput
            label={t("profile.latitude")}
            description={t("profile.latitudeHint")}
            min={-90}
            max={90}
            {...coordinateProps}
            allowedDecimalSeparators={allowedDecimalSeparators}
            {...form.getInputProps("baseLatitude")}
          />
          <NumberInput
            label={t("profile.longitude")}
            description={t("profile.longitudeHint")}
            min={-180}
            max={180}
            {...coordinateProps}
            allowedDecimalSeparators={allowedDecimalSeparators}
            {...form.getInputProps("baseLongitude")}
          />
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={update.isPending}>
            {t("common:actions.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
