import { Badge, Button, Group, Stack, Table, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formattingLocale } from "../../../shared/format";
import { translateApiError } from "../../../shared/i18n";
import {
  addDays,
  daysBetween,
  instantToWallTime,
  isStartOfDay,
  zoneDisplayName,
} from "../../../shared/zoned-time";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import { type Unavailability, useDeleteUnavailability, type WorkerDetail } from "../../lib/team";
import { AddUnavailabilityModal } from "./AddUnavailabilityModal";
import { ConfirmDeleteModal } from "./ConfirmDeleteModal";
import { formatLocalDateRange } from "./format";

const REASON_COLORS = { leave: "blue", sick: "red", training: "violet", other: "gray" } as const;

/**
 * Formats the period of an unavailability in the business unit's zone, such as "15 Dec 2026,
 * 14:00 – 17:00". A period from midnight to midnight shows as whole days, such as "8 – 28 Jun
 * 2026 (21 whole days)", because its end instant is the midnight after the last day.
 */
export function formatUnavailabilityPeriod(
  unavailability: Unavailability,
  zone: string,
  t: TFunction<"team">,
): string {
  if (isStartOfDay(unavailability.start, zone) && isStartOfDay(unavailability.end, zone)) {
    const firstDay = instantToWallTime(unavailability.start, zone).date;
    const lastDay = addDays(instantToWallTime(unavailability.end, zone).date, -1);
    return t("unavailabilities.wholeDaysPeriod", {
      dates: formatLocalDateRange(firstDay, lastDay),
      count: daysBetween(firstDay, lastDay) + 1,
    });
  }
  return new Intl.DateTimeFormat(formattingLocale(), {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: zone,
  }).formatRange(new Date(unavailability.start), new Date(unavailability.end));
}

/** Lists a worker's upcoming and past unavailabilities, and adds and deletes them. */
export function UnavailabilitiesPanel({ worker }: { worker: WorkerDetail }) {
  const { t } = useTranslation("team");
  const businessUnit = useCurrentBusinessUnit();
  const zone = businessUnit.timeZone;
  const [addOpened, addModal] = useDisclosure(false);
  const [toDelete, setToDelete] = useState<Unavailability | null>(null);
  const deleteUnavailability = useDeleteUnavailability(businessUnit.id, worker.userId);

  const now = Date.now();
  const upcoming = worker.unavailabilities
    .filter((unavailability) => Date.parse(unavailability.end) > now)
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const past = worker.unavailabilities
    .filter((unavailability) => Date.parse(unavailability.end) <= now)
    .sort((a, b) => Date.parse(b.start) - Date.parse(a.start));

  const closeDelete = () => {
    deleteUnavailability.reset();
    setToDelete(null);
  };
  const confirmDelete = () => {
    if (!toDelete) {
      return;
    }
    deleteUnavailability.mutate(toDelete.id, {
      onSuccess: () => {
        notifications.show({ color: "green", message: t("unavailabilities.deleted") });
        closeDelete();
      },
    });
  };

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t("unavailabilities.zoneNote", { zone, zoneName: zoneDisplayName(zone, formattingLocale()) })}
      </Text>
      <Group>
        <Button onClick={addModal.open}>{t("unavailabilities.add")}</Button>
      </Group>

      <Title order={2} size="h4">
        {t("unavailabilities.upcoming")}
      </Title>
      <UnavailabilityTable
        unavailabilities={upcoming}
        caption={t("unavailabilities.upcomingCaption", { name: worker.name })}
        empty={t("unavailabilities.upcomingEmpty")}
        onDelete={setToDelete}
      />

      <Title order={2} size="h4">
        {t("unavailabilities.past")}
      </Title>
      <UnavailabilityTable
        unavailabilities={past}
        caption={t("unavailabilities.pastCaption", { name: worker.name })}
        empty={t("unavailabilities.pastEmpty")}
        onDelete={setToDelete}
      />

      <AddUnavailabilityModal opened={addOpened} onClose={addModal.close} worker={worker} />
      <ConfirmDeleteModal
        opened={toDelete !== null}
        title={t("unavailabilities.deleteTitle")}
        message={
          toDelete
            ? t("unavailabilities.deleteMessage", {
                period: formatUnavailabilityPeriod(toDelete, zone, t),
                name: worker.name,
              })
            : ""
        }
        confirmLabel={t("unavailabilities.deleteConfirm")}
        error={deleteUnavailability.isError ? translateApiError(deleteUnavailability.error) : null}
        isPending={deleteUnavailability.isPending}
        onConfirm={confirmDelete}
        onClose={closeDelete}
      />
    </Stack>
  );
}

interface UnavailabilityTableProps {
  unavailabilities: Unavailability[];
  caption: string;
  empty: string;
  onDelete: (unavailability: Unavailability) => void;
}

function UnavailabilityTable({ unavailabilities, caption, empty, onDelete }: UnavailabilityTableProps) {
  const { t } = useTranslation("team");
  const businessUnit = useCurrentBusinessUnit();
  if (unavailabilities.length === 0) {
    return <Text>{empty}</Text>;
  }
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped verticalSpacing="sm">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("unavailabilities.columns.period")}</Table.Th>
            <Table.Th scope="col">{t("unavailabilities.columns.reason")}</Table.Th>
            <Table.Th scope="col">{t("unavailabilities.columns.note")}</Table.Th>
            <Table.Th scope="col">{t("unavailabilities.columns.actions")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {unavailabilities.map((unavailability) => {
            const period = formatUnavailabilityPeriod(unavailability, businessUnit.timeZone, t);
            return (
              <Table.Tr key={unavailability.id}>
                <Table.Th scope="row" fw={500}>
                  {period}
                </Table.Th>
                <Table.Td>
                  <Badge color={REASON_COLORS[unavailability.reason]} variant="light" tt="none">
                    {t(`unavailabilityReasons.${unavailability.reason}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{unavailability.note ?? ""}</Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="light"
                    color="red"
                    aria-label={t("unavailabilities.deleteFor", { period })}
                    onClick={() => onDelete(unavailability)}
                  >
                    {t("unavailabilities.delete")}
                  </Button>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
