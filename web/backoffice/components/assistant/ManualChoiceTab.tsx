import { Alert, Button, Group, List, Loader, Select, SimpleGrid, Stack, Text } from "@mantine/core";
import { DateInput } from "@mantine/dates";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { translateApiError } from "../../../shared/i18n";
import { instantToWallTime, type LocalDate, wallTimeToInstant } from "../../../shared/zoned-time";
import { type Explanation, type Slot, useExplanation } from "../../lib/assistant";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import { useWorkers } from "../../lib/team";
import { formatSchedule } from "../activities/format";
import { numericDateFormat, parseTypedDate } from "../team/format";
import { TeamDatesProvider, useCalendarAriaLabels } from "../team/TeamDatesProvider";
import { TimeSelect } from "../team/TimeSelect";
import { describeReason, formatTravelSide } from "./assistant-text";
import { type AssistantActivity, BookingProblemPanel, useSlotBooking } from "./booking";

interface ManualChoiceTabProps {
  activity: AssistantActivity & { durationMinutes: number };
  zone: string;
  /** The date that the form starts from, such as the first day of the week shown. */
  defaultDate: LocalDate;
}

/**
 * Places the visit by hand: worker, date and start time, with the assistant's verdict on that
 * placement checked as soon as all three are set. Warnings can be accepted; an overlap cannot.
 */
export function ManualChoiceTab(props: ManualChoiceTabProps) {
  return (
    <TeamDatesProvider>
      <ManualChoiceForm {...props} />
    </TeamDatesProvider>
  );
}

function ManualChoiceForm({ activity, zone, defaultDate }: ManualChoiceTabProps) {
  const { t } = useTranslation(["assistant", "activities"]);
  const businessUnit = useCurrentBusinessUnit();
  const workers = useWorkers(businessUnit.id);
  const calendarAriaLabels = useCalendarAriaLabels();
  const booking = useSlotBooking(activity);
  const problemRef = useRef<HTMLDivElement>(null);

  const [workerId, setWorkerId] = useState<string | null>(null);
  const [date, setDate] = useState<LocalDate | null>(defaultDate);
  const [time, setTime] = useState("");
  const [touched, setTouched] = useState(false);

  const start = date && time !== "" ? wallTimeToInstant(date, time, zone) : null;
  const end = start ? new Date(Date.parse(start) + activity.durationMinutes * 60_000).toISOString() : null;
  const workerName = workers.data?.find((worker) => worker.userId === workerId)?.name ?? "";
  const explanation = useExplanation(businessUnit.id, activity.id, workerId, start);

  // Screen reader users hear the warnings or the conflict as soon as they appear.
  useEffect(() => {
    if (booking.problem) {
      problemRef.current?.focus();
    }
  }, [booking.problem]);

  const change = <T,>(setter: (value: T) => void) => {
    return (value: T) => {
      setter(value);
      // The warnings were about the previous placement, so "Schedule anyway" must not apply them.
      booking.clearProblem();
    };
  };

  const pickFresh = (slot: Slot) => {
    const wall = instantToWallTime(slot.start, zone);
    setWorkerId(slot.workerId);
    setDate(wall.date);
    setTime(wall.time);
    booking.clearProblem();
  };

  const send = (acceptWarnings: boolean) => {
    if (!workerId || !start || !end) {
      setTouched(true);
      return;
    }
    booking.book({ workerId, workerName, start, end }, acceptWarnings);
  };

  let workerError: string | null = null;
  if (touched && !workerId) {
    workerError = t("activities:schedule.errors.workerRequired");
  } else if (workers.error) {
    workerError = translateApiError(workers.error);
  }
  let timeError: string | null = null;
  if (touched && time === "") {
    timeError = t("activities:schedule.errors.timeRequired");
  } else if (date && time !== "" && start === null) {
    timeError = t("activities:schedule.errors.timeSkipped", { zone });
  }

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        send(false);
      }}
    >
      <Stack gap="md" maw={720}>
        <Text size="sm" c="dimmed">
          {t("manual.intro", { zone })}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label={t("manual.worker")}
            data={(workers.data ?? []).map((worker) => ({ value: worker.userId, label: worker.name }))}
            value={workerId}
            onChange={change(setWorkerId)}
            searchable
            required
            error={workerError}
            nothingFoundMessage={t("activities:schedule.noWorker")}
            openOnFocus={false}
          />
          <DateInput
            label={t("manual.date")}
            value={date}
            onChange={change(setDate)}
            valueFormat={numericDateFormat()}
            dateParser={parseTypedDate}
            ariaLabels={calendarAriaLabels}
            popoverProps={{ withinPortal: true }}
            required
            withAsterisk={false}
            error={touched && !date ? t("activities:schedule.errors.dateRequired") : null}
          />
          <TimeSelect
            label={t("manual.time")}
            value={time}
            onChange={change(setTime)}
            required
            error={timeError}
          />
        </SimpleGrid>

        <div aria-live="polite">
          <Verdict
            ready={workerId !== null && start !== null}
            loading={explanation.isFetching}
            error={explanation.error}
            explanation={explanation.data}
            name={workerName}
            zone={zone}
          />
        </div>

        {booking.problem && (
          <div ref={problemRef} tabIndex={-1}>
            <BookingProblemPanel problem={booking.problem} zone={zone} onPickFresh={pickFresh} />
          </div>
        )}

        <Group>
          {booking.problem?.kind === "warnings" ? (
            <Button color="orange" loading={booking.isPending} onClick={() => send(true)}>
              {t("activities:schedule.anyway")}
            </Button>
          ) : (
            <Button type="submit" loading={booking.isPending}>
              {t("manual.submit")}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}

interface VerdictProps {
  ready: boolean;
  loading: boolean;
  error: unknown;
  explanation: Explanation | undefined;
  name: string;
  zone: string;
}

/** Shows the assistant's verdict on the chosen placement: feasible with its travel, or the reasons why not. */
function Verdict({ ready, loading, error, explanation, name, zone }: VerdictProps) {
  const { t } = useTranslation("assistant");
  if (!ready) {
    return <Text size="sm">{t("manual.pick")}</Text>;
  }
  if (loading || (!explanation && !error)) {
    return (
      <Group gap="xs">
        <Loader size="xs" />
        <Text size="sm">{t("manual.checking")}</Text>
      </Group>
    );
  }
  if (error || !explanation) {
    return (
      <Alert color="red" role="alert">
        {translateApiError(error)}
      </Alert>
    );
  }
  const when = formatSchedule(explanation.start, explanation.end, zone);
  const travel = [
    explanation.travelBefore ? formatTravelSide(explanation.travelBefore, "before") : null,
    explanation.travelAfter ? formatTravelSide(explanation.travelAfter, "after") : null,
  ].filter((line): line is string => line !== null);

  if (explanation.feasible) {
    return (
      <Alert color="green" title={t("manual.feasibleTitle")} data-grade="green">
        <Stack gap={4}>
          <Text size="sm">{t("manual.feasible", { name: explanation.workerName || name, when })}</Text>
          {travel.map((line) => (
            <Text size="sm" key={line}>
              {line}
            </Text>
          ))}
        </Stack>
      </Alert>
    );
  }
  const overlaps = explanation.reasons.some((reason) => reason.code === "overlap");
  return (
    <Alert color="red" title={t("manual.notFeasibleTitle")} data-grade="red">
      <Stack gap={4}>
        <Text size="sm">{t("manual.notFeasible", { name: explanation.workerName || name, when })}</Text>
        <List size="sm" spacing={2}>
          {explanation.reasons.map((reason, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: reasons have no id, and a code can repeat.
            <List.Item key={`${reason.code}-${index}`}>{describeReason(reason, zone)}</List.Item>
          ))}
        </List>
        {travel.map((line) => (
          <Text size="sm" key={line}>
            {line}
          </Text>
        ))}
        <Text size="sm" fw={600}>
          {overlaps ? t("manual.overlapHint") : t("manual.forceHint")}
        </Text>
      </Stack>
    </Alert>
  );
}
