import {
  Alert,
  Anchor,
  Button,
  Group,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useCallback, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../shared/api";
import { decimalSeparator } from "../../../shared/format";
import { translateApiError } from "../../../shared/i18n";
import { useBusinessUnit } from "../../lib/business-units";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import {
  type Customer,
  type GeocodeResult,
  useGeocode,
  useMapSettings,
  useSetCustomerLocation,
} from "../../lib/customers";
import { QueryState } from "../QueryState";
import { splitCustomerApiError } from "./api-errors";
import { CustomerMap, type Position } from "./CustomerMap";
import { roundCoordinate } from "./format";

/** Mantine's NumberInput gives a number, or a string while empty or incomplete (such as "-"). */
type NumberInputValue = number | string;

interface Draft {
  latitude: NumberInputValue;
  longitude: NumberInputValue;
}

/**
 * Set once the server has returned 503 `geocoding_unavailable`, so later records of this page
 * load do not offer the search again. The server has no other way to tell whether it has a geocoder.
 */
let geocoderUnavailable = false;

function draftOf(customer: Customer): Draft {
  return { latitude: customer.latitude ?? "", longitude: customer.longitude ?? "" };
}

function positionOf(draft: Draft): Position | null {
  const { latitude, longitude } = draft;
  if (typeof latitude !== "number" || typeof longitude !== "number") {
    return null;
  }
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) {
    return null;
  }
  return { latitude, longitude };
}

/** Describes the address that a search starts from: street, postcode and city. */
function addressText(customer: Customer): string {
  return [customer.addressLine1, [customer.postcode, customer.city].filter(Boolean).join(" ")]
    .filter(Boolean)
    .join(", ");
}

interface CustomerLocationProps {
  customer: Customer;
  editable: boolean;
}

/**
 * Shows and sets the customer's map position: a notice while the customer is not located, an
 * address search when the server has a geocoder, the map, and the coordinates as numbers, which
 * keyboard users type. "Save location" stores them with `PUT /customers/:id/location`.
 */
export function CustomerLocation({ customer, editable }: CustomerLocationProps) {
  const { t } = useTranslation(["customers", "common"]);
  const businessUnit = useCurrentBusinessUnit();
  const unitDetails = useBusinessUnit(businessUnit.id);
  const mapSettings = useMapSettings();
  const setLocation = useSetCustomerLocation(businessUnit.id, customer.id);
  const instructionsId = useId();
  const coordinatesHintId = useId();

  const [draft, setDraft] = useState<Draft>(() => draftOf(customer));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const saved = draftOf(customer);
  const changed = draft.latitude !== saved.latitude || draft.longitude !== saved.longitude;
  const position = positionOf(draft);

  const moveTo = useCallback((next: Position) => {
    setDraft({ latitude: roundCoordinate(next.latitude), longitude: roundCoordinate(next.longitude) });
    setErrors({});
  }, []);

  const save = (location: { latitude: number | null; longitude: number | null }) => {
    setFormError(null);
    setErrors({});
    setLocation.mutate(location, {
      onSuccess: (updated) => {
        setDraft(draftOf(updated));
        notifications.show({
          color: "green",
          message:
            location.latitude === null
              ? t("location.removed", { name: updated.displayName })
              : t("location.saved", { name: updated.displayName }),
        });
      },
      onError: (error) => {
        const split = splitCustomerApiError(error, (field) => field === "latitude" || field === "longitude");
        setErrors(split.fieldErrors);
        setFormError(split.formError);
      },
    });
  };

  const handleSave = () => {
    const next: Record<string, string> = {};
    if (typeof draft.latitude !== "number" || Math.abs(draft.latitude) > 90) {
      next.latitude = t("location.errors.latitude");
    }
    if (typeof draft.longitude !== "number" || Math.abs(draft.longitude) > 180) {
      next.longitude = t("location.errors.longitude");
    }
    setErrors(next);
    if (Object.keys(next).length === 0 && position) {
      save(position);
    }
  };

  const fallbackCenter =
    unitDetails.data?.latitude != null && unitDetails.data.longitude != null
      ? { latitude: unitDetails.data.latitude, longitude: unitDetails.data.longitude }
      : null;

  const coordinateProps = {
    decimalSeparator: decimalSeparator(),
    thousandSeparator: false,
    allowDecimal: true,
    allowNegative: true,
    clampBehavior: "none",
    hideControls: true,
    inputMode: "decimal",
    disabled: !editable,
    "aria-describedby": coordinatesHintId,
  } as const;
  // A typed comma or point both start the decimals, whatever the language.
  const allowedDecimalSeparators = [",", "."];

  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        {t("location.heading")}
      </Title>
      {!customer.located && (
        // A note rather than Mantine's default alert role, so screen readers do not interrupt on page load.
        <Alert color="orange" variant="light" title={t("notLocated")} role="note">
          {t("location.notLocatedNotice")}
        </Alert>
      )}
      {addressText(customer) !== "" && <Text size="sm">{addressText(customer)}</Text>}
      {editable && <AddressSearch customer={customer} onChoose={moveTo} />}
      <Text size="sm" c="dimmed" id={instructionsId}>
        {editable ? t("location.instructions") : t("location.readOnlyInstructions")}
      </Text>
      {mapSettings.data ? (
        // The map needs its center on creation, so it waits for the unit's address.
        (!unitDetails.isPending || customer.located) && (
          <CustomerMap
            settings={mapSettings.data}
            position={position}
            fallbackCenter={fallbackCenter}
            editable={editable}
            label={t("location.mapLabel", { name: customer.displayName })}
            describedBy={instructionsId}
            onMove={moveTo}
          />
        )
      ) : (
        <QueryState error={mapSettings.error} onRetry={() => void mapSettings.refetch()} />
      )}
      {formError !== null && (
        <Alert color="red" variant="light" role="alert">
          {formError}
        </Alert>
      )}
      <Text size="sm" c="dimmed" id={coordinatesHintId}>
        {t("location.coordinatesHint")}
      </Text>
      <SimpleGrid cols={{ base: 1, xs: 2 }}>
        <NumberInput
          label={t("location.latitude")}
          min={-90}
          max={90}
          {...coordinateProps}
          allowedDecimalSeparators={allowedDecimalSeparators}
          value={draft.latitude}
          onChange={(value) => setDraft((current) => ({ ...current, latitude: value }))}
          error={errors.latitude}
        />
        <NumberInput
          label={t("location.longitude")}
          min={-180}
          max={180}
          {...coordinateProps}
          allowedDecimalSeparators={allowedDecimalSeparators}
          value={draft.longitude}
          onChange={(value) => setDraft((current) => ({ ...current, longitude: value }))}
          error={errors.longitude}
        />
      </SimpleGrid>
      {editable && (
        <Group gap="xs">
          <Button onClick={handleSave} loading={setLocation.isPending} disabled={!changed}>
            {t("location.save")}
          </Button>
          {changed && (
            <Button variant="default" onClick={() => setDraft(saved)}>
              {t("location.undo")}
            </Button>
          )}
          {customer.located && !changed && (
            <Button
              variant="subtle"
              color="red"
              onClick={() => save({ latitude: null, longitude: null })}
              loading={setLocation.isPending}
            >
              {t("location.remove")}
            </Button>
          )}
        </Group>
      )}
    </Stack>
  );
}

/**
 * Searches the customer's address with the server's geocoder and offers each result as a pin
 * position. After a 503 `geocoding_unavailable` it gives way to a note that pins are placed by hand.
 */
function AddressSearch({
  customer,
  onChoose,
}: {
  customer: Customer;
  onChoose: (position: Position) => void;
}) {
  const { t } = useTranslation("customers");
  const businessUnit = useCurrentBusinessUnit();
  const geocode = useGeocode(businessUnit.id);
  const [unavailable, setUnavailable] = useState(geocoderUnavailable);
  const [query, setQuery] = useState(() => addressText(customer));
  const [results, setResults] = useState<GeocodeResult[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  if (unavailable) {
    return (
      <Alert color="gray" variant="light" role="status">
        {t("location.searchUnavailable")}
      </Alert>
    );
  }

  const search = () => {
    setError(null);
    if (query.trim().length < 3) {
      setError(t("location.errors.searchTooShort"));
      return;
    }
    geocode.mutate(
      { q: query.trim() },
      {
        onSuccess: (response) => setResults(response.results),
        onError: (failure) => {
          if (failure instanceof ApiError && failure.code === "geocoding_unavailable") {
            geocoderUnavailable = true;
            setUnavailable(true);
            return;
          }
          setError(translateApiError(failure));
        },
      },
    );
  };

  return (
    <Stack gap="xs">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          search();
        }}
      >
        <Group align="flex-start" gap="xs" wrap="nowrap">
          <TextInput
            label={t("location.searchLabel")}
            type="search"
            value={query}
            onChange={(event) => setQuery(event.currentTarget.value)}
            error={error}
            style={{ flex: 1 }}
          />
          <Button type="submit" variant="default" loading={geocode.isPending} mt={25}>
            {t("location.search")}
          </Button>
        </Group>
      </form>
      {results !== null && (
        <Stack gap={4} role="status">
          {results.length === 0 ? (
            <Text size="sm">{t("location.noResults")}</Text>
          ) : (
            <>
              <Text size="sm">{t("location.resultsIntro", { count: results.length })}</Text>
              <Stack gap={4} component="ul" className="plain-list">
                {results.map((result) => (
                  <li key={`${result.latitude},${result.longitude},${result.label}`}>
                    <Anchor
                      component="button"
                      type="button"
                      size="sm"
                      ta="left"
                      onClick={() => {
                        onChoose(result);
                        setResults(null);
                      }}
                    >
                      {t("location.useResult", { label: result.label })}
                    </Anchor>
                  </li>
                ))}
              </Stack>
            </>
          )}
        </Stack>
      )}
    </Stack>
  );
}
