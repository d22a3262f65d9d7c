import {
  Alert,
  Button,
  Fieldset,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { decimalSeparator } from "../../../shared/format";
import { currentLanguage } from "../../../shared/i18n";
import { type ActivityAddress, type CustomerOption, useCreateActivity } from "../../lib/activities";
import {
  type ActivityType,
  MAX_DURATION_MINUTES,
  MIN_DURATION_MINUTES,
  useActivityTypes,
} from "../../lib/catalog";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import { answerErrorsByPath } from "../forms/answer-errors";
import { FormRenderer } from "../forms/FormRenderer";
import { staffFileStorage } from "../forms/file-storage";
import { defaultAnswers } from "../forms/form-model";
import { CustomerSelect } from "./CustomerSelect";
import { describeFieldProblems } from "./field-problems";

/** Server limit on the comment, in characters. */
const MAX_COMMENT_LENGTH = 5000;

interface AddressValues {
  addressLine1: string;
  addressLine2: string;
  postcode: string;
  city: string;
  latitude: number | string;
  longitude: number | string;
}

const EMPTY_ADDRESS: AddressValues = {
  addressLine1: "",
  addressLine2: "",
  postcode: "",
  city: "",
  latitude: "",
  longitude: "",
};

function addressValuesOf(customer: CustomerOption | null): AddressValues {
  if (!customer) {
    return EMPTY_ADDRESS;
  }
  return {
    addressLine1: customer.addressLine1 ?? "",
    addressLine2: customer.addressLine2 ?? "",
    postcode: customer.postcode ?? "",
    city: customer.city ?? "",
    latitude: customer.latitude ?? "",
    longitude: customer.longitude ?? "",
  };
}

function toAddress(values: AddressValues): ActivityAddress {
  const text = (value: string) => (value.trim() === "" ? null : value.trim());
  const number = (value: number | string) => (typeof value === "number" ? value : null);
  return {
    addressLine1: text(values.addressLine1),
    addressLine2: text(values.addressLine2),
    postcode: text(values.postcode),
    city: text(values.city),
    latitude: number(values.latitude),
    longitude: number(values.longitude),
  };
}

function isEmptyAddress(address: ActivityAddress): boolean {
  return Object.values(address).every((value) => value === null);
}

/** Creates an activity and opens its page. */
export function NewActivityModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation("activities");
  return (
    <Modal opened={opened} onClose={onClose} title={t("new.title")} size="lg">
      {opened && <NewActivityForm onClose={onClose} />}
    </Modal>
  );
}

function NewActivityForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation(["activities", "common"]);
  const businessUnit = useCurrentBusinessUnit();
  const navigate = useNavigate();
  const types = useActivityTypes(businessUnit.id);
  const create = useCreateActivity(businessUnit.id);
  const [typeId, setTypeId] = useState<string | null>(null);
  const [customer, setCustomer] = useState<CustomerOption | null>(null);
  const [address, setAddress] = useState<AddressValues>(EMPTY_ADDRESS);
  const [comment, setComment] = useState("");
  const [duration, setDuration] = useState<number | string>("");
  const [answers, setAnswers] = useState<Record<string, unknown>>({});
  const [answerErrors, setAnswerErrors] = useState<Record<string, string>>({});
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);

  const activeTypes = (types.data ?? []).filter((type) => !type.archived);
  const type: ActivityType | undefined = activeTypes.find((candidate) => candidate.id === typeId);

  const chooseType = (id: string | null) => {
    setTypeId(id);
    const chosen = activeTypes.find((candidate) => candidate.id === id);
    setDuration(chosen?.defaultDurationMinutes ?? "");
    setAnswers(chosen ? defaultAnswers(chosen.activityForm) : {});
    setAnswerErrors({});
  };

  const chooseCustomer = (chosen: CustomerOption | null) => {
    setCustomer(chosen);
    setAddress(addressValuesOf(chosen));
  };

  const setAddressField = <K extends keyof AddressValues>(field: K, value: AddressValues[K]) =>
    setAddress((current) => ({ ...current, [field]: value }));

  const submit = () => {
    setTouched(true);
    setFormError(null);
    if (!typeId) {
      return;
    }
    const typedAddress = toAddress(address);
    create.mutate(
      {
        activityTypeId: typeId,
        customerId: customer?.id ?? null,
        comment: comment.trim() === "" ? null : comment.trim(),
        ...(typeof duration === "number" ? { durationMinutes: duration } : {}),
        ...(customer === null && isEmptyAddress(typedAddress) ? {} : { address: typedAddress }),
        answers,
      },
      {
        onSuccess: (created) => {
          onClose();
          navigate(`/bu/${encodeURIComponent(businessUnit.id)}/activities/${encodeURIComponent(created.id)}`);
        },
        onError: (error) => {
          const problems = describeFieldProblems(error);
          setFieldErrors(problems.byPath);
          setAnswerErrors(type ? answerErrorsByPath(error, type.activityForm) : {});
          setFormError(problems.message);
        },
      },
    );
  };

  const coordinateProps = {
    decimalSeparator: decimalSeparator(),
    thousandSeparator: false,
    hideControls: true,
    decimalScale: 6,
  } as const;

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Stack gap="md">
        {formError && (
          <Alert color="red" role="alert">
            {formError}
          </Alert>
        )}
        <Select
          label={t("fields.type")}
          data={activeTypes.map((candidate) => ({ value: candidate.id, label: candidate.name }))}
          value={typeId}
          onChange={chooseType}
          searchable
          required
          allowDeselect={false}
          error={(touched && !typeId ? t("new.typeRequired") : null) ?? fieldErrors.activityTypeId}
          // The list would cover the next fields as soon as the dialog opens.
          openOnFocus={false}
          data-autofocus
        />
        <CustomerSelect
          label={t("fields.customer")}
          description={t("new.customerHint")}
          value={customer}
          onChange={chooseCustomer}
          error={fieldErrors.customerId}
        />
        <Fieldset legend={t("fields.address")}>
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              {customer ? t("new.addressFromCustomer") : t("new.addressHint")}
            </Text>
            <TextInput
              label={t("address.line1")}
              value={address.addressLine1}
              onChange={(event) => setAddressField("addressLine1", event.currentTarget.value)}
              error={fieldErrors["address.addressLine1"]}
            />
            <TextInput
              label={t("address.line2")}
              value={address.addressLine2}
              onChange={(event) => setAddressField("addressLine2", event.currentTarget.value)}
            />
            <SimpleGrid cols={{ base: 1, xs: 2 }}>
              <TextInput
                label={t("address.postcode")}
                value={address.postcode}
                onChange={(event) => setAddressField("postcode", event.currentTarget.value)}
              />
              <TextInput
                label={t("address.city")}
                value={address.city}
                onChange={(event) => setAddressField("city", event.currentTarget.value)}
              />
              <NumberInput
                label={t("address.latitude")}
                value={address.latitude}
                onChange={(value) => setAddressField("latitude", value)}
                min={-90}
                max={90}
                error={fieldErrors["address.latitude"]}
                {...coordinateProps}
              />
              <NumberInput
                label={t("address.longitude")}
                value={address.longitude}
                onChange={(value) => setAddressField("longitude", value)}
                min={-180}
                max={180}
                error={fieldErrors["address.longitude"]}
                {...coordinateProps}
              />
            </SimpleGrid>
          </Stack>
        </Fieldset>
        <NumberInput
          label={t("fields.durationMinutes")}
          description={type ? t("new.durationHint", { count: type.defaultDurationMinutes }) : undefined}
          value={duration}
          onChange={setDuration}
          min={MIN_DURATION_MINUTES}
          max={MAX_DURATION_MINUTES}
          allowDecimal={false}
          step={15}
          error={fieldErrors.durationMinutes}
        />
        <Textarea
          label={t("fields.comment")}
          value={comment}
          onChange={(event) => setComment(event.currentTarget.value)}
          maxLength={MAX_COMMENT_LENGTH}
          autosize
          minRows={2}
        />
        {type && type.activityForm.fields.length > 0 && (
          <Stack gap="sm" component="section" aria-labelledby="new-activity-form">
            <Title order={3} size="h5" id="new-activity-form">
              {t("page.activityForm")}
            </Title>
            <FormRenderer
              form={type.activityForm}
              answers={answers}
              onChange={setAnswers}
              language={currentLanguage()}
              errors={answerErrors}
              files={staffFileStorage(businessUnit.id)}
              timeZone={businessUnit.timeZone}
            />
          </Stack>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common:actions.cancel")}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t("new.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
