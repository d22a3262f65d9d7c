import { Alert, Button, Group, List, Modal, Select, SimpleGrid, Stack, Text } from "@mantine/core";
import { DateInput } from "@mantine/dates";
import { notifications } from "@mantine/notifications";
import i18next from "i18next";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../shared/api";
import { formattingLocale } from "../../../shared/format";
import { translateApiError } from "../../../shared/i18n";
import {
  instantToWallTime,
  type LocalDate,
  todayInZone,
  wallTimeToInstant,
  zoneDisplayName,
} from "../../../shared/zoned-time";
import { type ScheduleWarning, useScheduleActivity } from "../../lib/activities";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import { useWorkers } from "../../lib/team";
import { numericDateFormat, parseTypedDate } from "../team/format";
import { TeamDatesProvider, useCalendarAriaLabels } from "../team/TeamDatesProvider";
import { TimeSelect } from "../team/TimeSelect";
import { formatSchedule } from "./format";
import { describeWarning } from "./warnings";

/** The activity to place, as far as the dialog shows and sends it. */
export interface ScheduleTarget {
  id: string;
  reference: string;
  activityTypeName: string;
  customerName: string | null;
  durationMinutes: number;
  /** Current worker and start, which the dialog starts from when rescheduling. */
  assigneeId: string | null;
  startAt: string | null;
}

interface ScheduleDialogProps {
  /** The activity to place, or null while the dialog is closed. */
  target: ScheduleTarget | null;
  onClose: () => void;
  /** Date to start from when the activity has no time yet, such as the day shown in the schedule. */
  defaultDate?: LocalDate;
}

/** Places an activity by hand: worker, date and time in the unit's zone, then the server's warnings. */
export function ScheduleDialog({ target, onClose, defaultDate }: ScheduleDialogProps) {
  const { t } = useTranslation("activities");
  return (
    <Modal
      opened={target !== null}
      onClose={onClose}
      title={target ? t("schedule.title", { reference: target.reference }) : ""}
      size="lg"
    >
      {target && (
        <TeamDatesProvider>
          <ScheduleForm key={target.id} target={target} onClose={onClose} defaultDate={defaultDate} />
        </TeamDatesProvider>
      )}
    </Modal>
  );
}

interface Problem {
  kind: "warnings" | "conflict" | "error";
  warnings: ScheduleWarning[];
  message: string;
}

function ScheduleForm({
  target,
  onClose,
  defaultDate,
}: {
  target: ScheduleTarget;
  onClose: () => void;
  defaultDate: LocalDate | undefined;
}) {
  const { t } = useTranslation(["activities", "common"]);
  const businessUnit = useCurrentBusinessUnit();
  const zone = businessUnit.timeZone;
  const workers = useWorkers(businessUnit.id);
  const schedule = useScheduleActivity(businessUnit.id);
  const calendarAriaLabels = useCalendarAriaLabels();
  const current = target.startAt ? instantToWallTime(target.startAt, zone) : null;

  const [workerId, setWorkerId] = useState<string | null>(target.assigneeId);
  const [date, setDate] = useState<LocalDate | null>(current?.date ?? defaultDate ?? todayInZone(zone));
  const [time, setTime] = useState(current?.time ?? "");
  const [touched, setTouched] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const problemRef = useRef<HTMLDivElement>(null);

  const startAt = date && time !== "" ? wallTimeToInstant(date, time, zone) : null;
  const endAt = startAt
    ? new Date(Date.parse(startAt) + target.durationMinutes * 60_000).toISOString()
    : null;
  const workerName = workers.data?.find((worker) => worker.userId === workerId)?.name ?? "";

  // Screen reader users hear the warnings or the conflict as soon as the panel appears.
  useEffect(() => {
    if (problem) {
      problemRef.current?.focus();
    }
  }, [problem]);

  const change = <T,>(setter: (value: T) => void) => {
    return (value: T) => {
      setter(value);
      // The warnings were about the previous placement, so "Schedule anyway" must not apply them.
      setProblem(null);
    };
  };

  const send = (acceptWarnings: boolean) => {
    if (!workerId || !startAt) {
      setTouched(true);
      return;
    }
    schedule.mutate(
      { id: target.id, request: { assigneeId: workerId, startAt, acceptWarnings } },
      {
        onSuccess: (result) => {
          notifications.show({
            color: "green",
            message:
              result.warnings.length > 0
                ? t("schedule.scheduledWithWarnings", {
                    reference: target.reference,
                    name: workerName,
                    when: formatSchedule(startAt, endAt ?? startAt, zone),
                    count: result.warnings.length,
                  })
                : t("schedule.scheduled", {
                    reference: target.reference,
                    name: workerName,
                    when: formatSchedule(startAt, endAt ?? startAt, zone),
                  }),
          });
          onClose();
        },
        onError: (error) => setProblem(problemOf(error)),
      },
    );
  };

  const workerError = touched && !workerId ? t("schedule.errors.workerRequired") : null;
  let timeError: string | null = null;
  if (touched && time === "") {
    timeError = t("schedule.errors.timeRequired");
  } else if (date && time !== "" && startAt === null) {
    timeError = t("schedule.errors.timeSkipped", { zone });
  }

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        send(false);
      }}
    >
      <Stack gap="md">
        <Text size="sm">
          {t("schedule.summary", {
            type: target.activityTypeName,
            customer: target.customerName ?? t("noCustomer"),
            count: target.durationMinutes,
          })}
        </Text>
        <Text size="sm" c="dimmed">
          {t("schedule.zoneHint", { zone, zoneName: zoneDisplayName(zone, formattingLocale()) })}
        </Text>
        <Select
          label={t("schedule.worker")}
          data={(workers.data ?? []).map((worker) => ({ value: worker.userId, label: worker.name }))}
          value={workerId}
          onChange={change(setWorkerId)}
          searchable
          required
          error={workerError ?? (workers.error ? translateApiError(workers.error) : null)}
          nothingFoundMessage={t("schedule.noWorker")}
          // The list would cover the date and time as soon as the dialog opens.
          openOnFocus={false}
          data-autofocus
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <DateInput
            label={t("schedule.date")}
            value={date}
            onChange={change(setDate)}
            valueFormat={numericDateFormat()}
            dateParser={parseTypedDate}
            ariaLabels={calendarAriaLabels}
            popoverProps={{ withinPortal: true }}
            required
            withAsterisk={false}
            error={touched && !date ? t("schedule.errors.dateRequired") : null}
          />
          <TimeSelect
            label={t("schedule.time")}
            value={time}
            onChange={change(setTime)}
            required
            error={timeError}
          />
        </SimpleGrid>
        <Text size="sm" aria-live="polite">
          {startAt && endAt
            ? t("schedule.endsAt", { when: formatSchedule(startAt, endAt, zone) })
            : t("schedule.pickTime")}
        </Text>

        {problem && (
          <div ref={problemRef} tabIndex={-1}>
            <ProblemPanel problem={problem} />
          </div>
        )}

        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common:actions.cancel")}
          </Button>
          {problem?.kind === "warnings" ? (
            <Button color="orange" loading={schedule.isPending} onClick={() => send(true)}>
              {t("schedule.anyway")}
            </Button>
          ) : (
            <Button type="submit" loading={schedule.isPending}>
              {t("schedule.submit")}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}

function problemOf(error: unknown): Problem {
  if (error instanceof ApiError && error.code === "schedule_warnings") {
    const warnings = (error.details as { warnings?: ScheduleWarning[] } | undefined)?.warnings ?? [];
    return { kind: "warnings", warnings, message: error.message };
  }
  if (error instanceof ApiError && error.code === "schedule_conflict") {
    const overlapping = (error.details as { overlapping?: { reference?: string } } | undefined)?.overlapping;
    const message = overlapping?.reference
      ? i18next.t("activities:schedule.conflictWith", { reference: overlapping.reference })
      : i18next.t("activities:schedule.conflict");
    return { kind: "conflict", warnings: [], message };
  }
  return { kind: "error", warnings: [], message: translateApiError(error) };
}

function ProblemPanel({ problem }: { problem: Problem }) {
  const { t } = useTranslation("activities");
  if (problem.kind === "warnings") {
    return (
      <Alert color="orange" title={t("schedule.warningsTitle")} role="alert">
        <Stack gap="xs">
          <List size="sm" spacing={4}>
            {problem.warnings.map((warning, index) => (
              // The same code can appear twice (travel before and after), so the position is part of the key.
              // biome-ignore lint/suspicious/noArrayIndexKey: warnings have no id.
              <List.Item key={`${warning.code}-${index}`}>{describeWarning(warning)}</List.Item>
            ))}
          </List>
          <Text size="sm">{t("schedule.warningsHint")}</Text>
        </Stack>
      </Alert>
    );
  }
  return (
    <Alert
      color="red"
      title={problem.kind === "conflict" ? t("schedule.conflictTitle") : undefined}
      role="alert"
    >
      {problem.message}
    </Alert>
  );
}
