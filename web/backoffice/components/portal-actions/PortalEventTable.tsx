import { Anchor, Badge, Button, Stack, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatDateTime } from "../../../shared/format";
import { isPortalEventKind, type PortalEvent } from "../../lib/portal-actions";
import { formatRelative } from "./relative-time";

/** Colours of the kinds of event; shade 9 keeps outlined text above 4.5:1 contrast on white. */
const KIND_COLOURS: Record<string, string> = {
  booked: "teal.9",
  rescheduled: "violet.9",
  canceled: "red.9",
  requested: "blue.9",
  created: "indigo.9",
  closed: "gray.8",
  updated: "grape.9",
};

interface PortalEventTableProps {
  events: PortalEvent[];
  buId: string;
  timeZone: string;
  now: Date;
  /** Whether a "Mark as seen" button is offered for each new event. */
  canAcknowledge: boolean;
  /** The event being marked as seen, whose button shows a spinner. */
  pendingId: string | null;
  onAcknowledge: (event: PortalEvent) => void;
  buttonRef: (eventId: string, element: HTMLButtonElement | null) => void;
}

/**
 * Lists portal events in a table: when (relative, with the date and time in the unit's zone),
 * the kind of event, the customer and the activity with links to them, the action's label, and
 * whether the event is new.
 */
export function PortalEventTable({
  events,
  buId,
  timeZone,
  now,
  canAcknowledge,
  pendingId,
  onAcknowledge,
  buttonRef,
}: PortalEventTableProps) {
  const { t } = useTranslation("portalActions");
  const base = `/bu/${encodeURIComponent(buId)}`;

  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped verticalSpacing="sm" captionSide="top">
        <Table.Caption>{t("events.caption")}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("events.columns.when")}</Table.Th>
            <Table.Th scope="col">{t("events.columns.event")}</Table.Th>
            <Table.Th scope="col">{t("events.columns.customer")}</Table.Th>
            <Table.Th scope="col">{t("events.columns.activity")}</Table.Th>
            <Table.Th scope="col">{t("events.columns.action")}</Table.Th>
            <Table.Th scope="col">{t("events.columns.status")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((event) => {
            const kind = isPortalEventKind(event.kind) ? t(`events.kinds.${event.kind}`) : event.kind;
            return (
              <Table.Tr key={event.id} data-testid="portal-event">
                <Table.Td>
                  <Stack gap={0}>
                    <Text size="sm" component="time" dateTime={event.createdAt}>
                      {formatRelative(event.createdAt, now)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {formatDateTime(event.createdAt, timeZone)}
                    </Text>
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Badge color={KIND_COLOURS[event.kind] ?? "gray.8"} variant="outline" tt="none">
                    {kind}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`${base}/customers/${encodeURIComponent(event.customer.id)}`}>
                    {event.customer.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Stack gap={0}>
                    <Anchor
                      component={Link}
                      to={`${base}/activities/${encodeURIComponent(event.activity.id)}`}
                    >
                      {event.activity.reference}
                    </Anchor>
                    {event.sourceActivityId !== null && (
                      <Anchor
                        component={Link}
                        size="xs"
                        to={`${base}/activities/${encodeURIComponent(event.sourceActivityId)}`}
                      >
                        {t("events.requestedFrom")}
                      </Anchor>
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td>{event.actionLabel}</Table.Td>
                <Table.Td>
                  {event.acknowledgedAt === null ? (
                    <Stack gap={4} align="flex-start">
                      <Badge color="red.9" variant="filled">
                        {t("events.new")}
                      </Badge>
                      {canAcknowledge && (
                        <Button
                          size="xs"
                          variant="light"
                          ref={(element) => buttonRef(event.id, element)}
                          loading={pendingId === event.id}
                          onClick={() => onAcknowledge(event)}
                          aria-label={t("events.markSeenOf", {
                            kind,
                            reference: event.activity.reference,
                            customer: event.customer.name,
                          })}
                        >
                          {t("events.markSeen")}
                        </Button>
                      )}
                    </Stack>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t("events.seenAt", { when: formatRelative(event.acknowledgedAt, now) })}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
