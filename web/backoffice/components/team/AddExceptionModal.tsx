import { Alert, Button, Checkbox, Group, Modal, Radio, Stack, TextInput } from "@mantine/core";
import { DatePickerInput, type DatesRangeValue } from "@mantine/dates";
import { useMediaQuery } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import { type HoursException, useAddException, type WorkerDetail } from "../../lib/team";
import { splitApiError } from "./api-errors";
import { formatLocalDateRange, numericDateFormat } from "./format";
import { focusFirstError } from "./HoursForm";
import { useCalendarAriaLabels } from "./TeamDatesProvider";
import { WeeklyHoursEditor } from "./WeeklyHoursEditor";
import { fromDraft, type HoursErrors, isShownInEditor, toDraft, validateDraft } from "./weekly-hours";

const ID_PREFIX = "exception-hours";
const DATES_ID = "exception-dates";
const LABEL_ID = "exception-label";
const MAX_LABEL_LENGTH = 200;
/** Prefix of the server's error paths inside the exception's weekly hours. */
const HOURS_PREFIX = "hours.";

type HoursKind = "off" | "hours";

interface AddExceptionModalProps {
  opened: boolean;
  onClose: () => void;
  worker: WorkerDetail;
}

export function AddExceptionModal({ opened, onClose, worker }: AddExceptionModalProps) {
  const { t } = useTranslation("team");
  const fullScreen = useMediaQuery("(max-width: 36em)");
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t("exceptions.addTitle", { name: worker.name })}
      size="xl"
      fullScreen={fullScreen}
    >
      {/* Rendered only while open, so each opening starts from an empty form. */}
      {opened && <AddExceptionForm worker={worker} onClose={onClose} />}
    </Modal>
  );
}

function AddExceptionForm({ worker, onClose }: { worker: WorkerDetail; onClose: () => void }) {
  const { t } = useTranslation(["team", "common"]);
  const businessUnit = useCurrentBusinessUnit();
  const addException = useAddException(businessUnit.id, worker.userId);
  const calendarAriaLabels = useCalendarAriaLabels();
  const [dates, setDates] = useState<DatesRangeValue<string>>([null, null]);
  const [kind, setKind] = useState<HoursKind>("off");
  const [draft, setDraft] = useState(() => toDraft(worker.weeklyHours));
  const [worksOnPublicHolidays, setWorksOnPublicHolidays] = useState(false);
  const [label, setLabel] = useState("");
  const [hoursErrors, setHoursErrors] = useState<HoursErrors>({});
  const [fieldErrors, setFieldErrors] = useState<{ dates?: string; label?: string }>({});
  const [formError, setFormError] = useState<string | null>(null);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFormError(null);
    const [from, to] = dates;
    const datesError = from && to ? undefined : t("exceptions.errors.datesRequired");
    const foundHoursErrors = kind === "hours" ? validateDraft(draft, t) : {};
    setFieldErrors({ dates: datesError });
    setHoursErrors(foundHoursErrors);
    if (datesError || !from || !to) {
      document.getElementById(DATES_ID)?.focus();
      return;
    }
    if (Object.keys(foundHoursErrors).length > 0) {
      focusFirstError(ID_PREFIX, foundHoursErrors);
      return;
    }

    const trimmedLabel = label.trim();
    const exception: HoursException = {
      from,
      to,
      hours: kind === "off" ? "off" : fromDraft(draft),
      ...(trimmedLabel === "" ? {} : { label: trimmedLabel }),
      ...(kind === "hours" ? { worksOnPublicHolidays } : {}),
    };
    addException.mutate(exception, {
      onSuccess: () => {
        notifications.show({
          color: "green",
          message: t("exceptions.added", { dates: formatLocalDateRange(from, to), name: worker.name }),
        });
        onClose();
      },
      onError: (error) => {
        const { fieldErrors: shown, formError } = splitApiError(
          error,
          "",
          (path) =>
            ["from", "to", "label"].includes(path) ||
            (path.startsWith(HOURS_PREFIX) && isShownInEditor(path.slice(HOURS_PREFIX.length))),
        );
        const hours: HoursErrors = {};
        for (const [path, message] of Object.entries(shown)) {
          if (path.startsWith(HOURS_PREFIX)) {
            hours[path.slice(HOURS_PREFIX.length)] = message;
          }
        }
        const datesError = shown.from ?? shown.to;
        setFieldErrors({ dates: datesError, label: shown.label });
        setHoursErrors(hours);
        setFormError(formError);
        if (datesError) {
          document.getElementById(DATES_ID)?.focus();
        } else {
          focusFirstError(ID_PREFIX, hours);
        }
      },
    });
  };

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack gap="md">
        {formError !== null && (
          <Alert color="red" variant="light" role="alert">
            {formError}
          </Alert>
        )}
        <DatePickerInput
          id={DATES_ID}
          type="range"
          label={t("exceptions.dates")}
          description={t("exceptions.datesHint")}
          placeholder={t("exceptions.datesPlaceholder")}
          valueFormat={numericDateFormat()}
          allowSingleDateInRange
          ariaLabels={calendarAriaLabels}
          value={dates}
          onChange={setDates}
          error={fieldErrors.dates}
          data-autofocus
          maw={360}
        />
        <Radio.Group
          label={t("exceptions.hoursKind")}
          value={kind}
          onChange={(value) => setKind(value === "hours" ? "hours" : "off")}
        >
          <Group gap="lg" mt="xs">
            <Radio value="off" label={t("exceptions.dayOff")} />
            <Radio value="hours" label={t("exceptions.differentHours")} />
          </Group>
        </Radio.Group>
        {kind === "hours" && (
          <>
            <WeeklyHoursEditor value={draft} onChange={setDraft} errors={hoursErrors} idPrefix={ID_PREFIX} />
            <Checkbox
              label={t("exceptions.worksOnPublicHolidaysLabel")}
              description={t("exceptions.worksOnPublicHolidaysHint")}
              checked={worksOnPublicHolidays}
              onChange={(event) => setWorksOnPublicHolidays(event.currentTarget.checked)}
            />
          </>
        )}
        <TextInput
          id={LABEL_ID}
          label={t("exceptions.label")}
          description={t("exceptions.labelHint")}
          maxLength={MAX_LABEL_LENGTH}
          value={label}
          onChange={(event) => setLabel(event.currentTarget.value)}
          error={fieldErrors.label}
          maw={420}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common:actions.cancel")}
          </Button>
          <Button type="submit" loading={addException.isPending}>
            {t("exceptions.addSubmit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
