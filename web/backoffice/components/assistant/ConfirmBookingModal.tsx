import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { Slot } from "../../lib/assistant";
import { formatSlotWhen, travelUnknown } from "./assistant-text";
import { type AssistantActivity, BookingProblemPanel, useSlotBooking } from "./booking";

interface ConfirmBookingModalProps {
  activity: AssistantActivity;
  zone: string;
  /** The slot to book, or null while the dialog is closed. */
  slot: Slot | null;
  onClose: () => void;
  /** Replaces the slot with a fresh one that the user picks after a conflict. */
  onPick: (slot: Slot) => void;
}

/** Asks before booking a slot of the assistant, then shows warnings or a conflict if the server returns one. */
export function ConfirmBookingModal({ activity, zone, slot, onClose, onPick }: ConfirmBookingModalProps) {
  const { t } = useTranslation("assistant");
  return (
    <Modal
      opened={slot !== null}
      onClose={onClose}
      title={t("confirm.title", { reference: activity.reference })}
      size="lg"
    >
      {slot && (
        <ConfirmBody
          key={`${slot.workerId}-${slot.start}`}
          activity={activity}
          zone={zone}
          slot={slot}
          onClose={onClose}
          onPick={onPick}
        />
      )}
    </Modal>
  );
}

function ConfirmBody({
  activity,
  zone,
  slot,
  onClose,
  onPick,
}: {
  activity: AssistantActivity;
  zone: string;
  slot: Slot;
  onClose: () => void;
  onPick: (slot: Slot) => void;
}) {
  const { t } = useTranslation(["assistant", "common", "activities"]);
  const booking = useSlotBooking(activity);
  const problemRef = useRef<HTMLDivElement>(null);

  // Screen reader users hear the warnings or the conflict as soon as they appear.
  useEffect(() => {
    if (booking.problem) {
      problemRef.current?.focus();
    }
  }, [booking.problem]);

  const target = { workerId: slot.workerId, workerName: slot.workerName, start: slot.start, end: slot.end };

  return (
    <Stack gap="md">
      <Text>
        {t("confirm.question", {
          reference: activity.reference,
          name: slot.workerName,
          when: formatSlotWhen(slot, zone),
        })}
      </Text>
      <Text size="sm" c="dimmed">
        {travelUnknown(slot)
          ? t("confirm.detailsTravelUnknown", {
              grade: t(`gradesInSentence.${slot.grade}`),
              score: slot.score,
            })
          : t("confirm.details", {
              grade: t(`gradesInSentence.${slot.grade}`),
              score: slot.score,
              count: slot.addedMinutes,
            })}
      </Text>
      {booking.problem && (
        <div ref={problemRef} tabIndex={-1}>
          <BookingProblemPanel problem={booking.problem} zone={zone} onPickFresh={onPick} />
        </div>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t("common:actions.cancel")}
        </Button>
        {booking.problem?.kind === "warnings" ? (
          <Button color="orange" loading={booking.isPending} onClick={() => booking.book(target, true)}>
            {t("activities:schedule.anyway")}
          </Button>
        ) : (
          booking.problem?.kind !== "conflict" && (
            <Button loading={booking.isPending} onClick={() => booking.book(target, false)} data-autofocus>
              {t("confirm.submit")}
            </Button>
          )
        )}
      </Group>
    </Stack>
  );
}
