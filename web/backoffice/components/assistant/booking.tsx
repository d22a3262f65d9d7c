import { Alert, List, SimpleGrid, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import i18next from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { ApiError } from "../../../shared/api";
import { translateApiError } from "../../../shared/i18n";
import { type ScheduleWarning, useScheduleActivity } from "../../lib/activities";
import type { Slot } from "../../lib/assistant";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import { formatSchedule } from "../activities/format";
import { describeWarning } from "../activities/warnings";
import { SlotButton } from "./SlotButton";

/** A placement to book: a worker and the start and end instants of the visit. */
export interface BookingTarget {
  workerId: string;
  workerName: string;
  start: string;
  end: string;
}

/** The activity that the assistant places. */
export interface AssistantActivity {
  id: string;
  reference: string;
}

/**
 * Reason that a booking failed. Staff may accept warnings with "Schedule anyway". Nobody can force
 * a conflict (the time was taken), so it comes with fresh slots to pick from instead.
 */
export type BookingProblem =
  | { kind: "warnings"; warnings: ScheduleWarning[] }
  | { kind: "conflict"; message: string; freshSlots: Slot[] }
  | { kind: "error"; message: string };

function problemOf(error: unknown): BookingProblem {
  if (error instanceof ApiError && error.code === "schedule_warnings") {
    const details = error.details as { warnings?: ScheduleWarning[] } | undefined;
    return { kind: "warnings", warnings: details?.warnings ?? [] };
  }
  if (error instanceof ApiError && error.code === "schedule_conflict") {
    const details = error.details as
      | { overlapping?: { reference?: string }; freshSlots?: Slot[] }
      | undefined;
    const reference = details?.overlapping?.reference;
    return {
      kind: "conflict",
      message: reference
        ? i18next.t("activities:schedule.conflictWith", { reference })
        : i18next.t("activities:schedule.conflict"),
      freshSlots: details?.freshSlots ?? [],
    };
  }
  return { kind: "error", message: translateApiError(error) };
}

/**
 * Books a placement through `POST …/schedule`. On success it shows a notification and opens the
 * activity page. On failure it keeps the problem for the screen to show.
 */
export function useSlotBooking(activity: AssistantActivity) {
  const { t } = useTranslation("activities");
  const businessUnit = useCurrentBusinessUnit();
  const zone = businessUnit.timeZone;
  const schedule = useScheduleActivity(businessUnit.id);
  const navigate = useNavigate();
  const [problem, setProblem] = useState<BookingProblem | null>(null);

  const book = (target: BookingTarget, acceptWarnings: boolean) => {
    setProblem(null);
    schedule.mutate(
      { id: activity.id, request: { assigneeId: target.workerId, startAt: target.start, acceptWarnings } },
      {
        onSuccess: (result) => {
          const when = formatSchedule(target.start, target.end, zone);
          notifications.show({
            color: "green",
            message:
              result.warnings.length > 0
                ? t("schedule.scheduledWithWarnings", {
                    reference: activity.reference,
                    name: target.workerName,
                    when,
                    count: result.warnings.length,
                  })
                : t("schedule.scheduled", { reference: activity.reference, name: target.workerName, when }),
          });
          void navigate(
            `/bu/${encodeURIComponent(businessUnit.id)}/activities/${encodeURIComponent(activity.id)}`,
          );
        },
        onError: (error) => setProblem(problemOf(error)),
      },
    );
  };

  return { book, problem, clearProblem: () => setProblem(null), isPending: schedule.isPending };
}

interface BookingProblemPanelProps {
  problem: BookingProblem;
  zone: string;
  /** Called with a fresh slot that the user picks after a conflict. */
  onPickFresh: (slot: Slot) => void;
}

/** Shows why a booking failed: the warnings to accept, or the conflict with the fresh slots. */
export function BookingProblemPanel({ problem, zone, onPickFresh }: BookingProblemPanelProps) {
  const { t } = useTranslation(["assistant", "activities"]);
  if (problem.kind === "warnings") {
    return (
      <Alert color="orange" title={t("activities:schedule.warningsTitle")} role="alert">
        <Stack gap="xs">
          <List size="sm" spacing={4}>
            {problem.warnings.map((warning, index) => (
              // The same code can appear twice (travel before and after), so the position is part of the key.
              // biome-ignore lint/suspicious/noArrayIndexKey: warnings have no id.
              <List.Item key={`${warning.code}-${index}`}>{describeWarning(warning)}</List.Item>
            ))}
          </List>
          <Text size="sm">{t("assistant:booking.warningsHint")}</Text>
        </Stack>
      </Alert>
    );
  }
  if (problem.kind === "conflict") {
    return (
      <Alert color="red" title={t("activities:schedule.conflictTitle")} role="alert">
        <Stack gap="sm">
          <Text size="sm">{problem.message}</Text>
          {problem.freshSlots.length > 0 ? (
            <>
              <Text size="sm" fw={600}>
                {t("assistant:booking.freshSlots")}
              </Text>
              <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
                {problem.freshSlots.map((slot) => (
                  <SlotButton
                    key={`${slot.workerId}-${slot.start}`}
                    slot={slot}
                    zone={zone}
                    onPick={onPickFresh}
                    withDay
                  />
                ))}
              </SimpleGrid>
            </>
          ) : (
            <Text size="sm">{t("assistant:booking.noFreshSlots")}</Text>
          )}
        </Stack>
      </Alert>
    );
  }
  return (
    <Alert color="red" role="alert">
      {problem.message}
    </Alert>
  );
}
