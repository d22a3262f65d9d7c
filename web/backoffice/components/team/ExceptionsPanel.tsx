import { Badge, Button, Group, Stack, Table, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { translateApiError } from "../../../shared/i18n";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import { type SavedHoursException, useDeleteException, type WorkerDetail } from "../../lib/team";
import { AddExceptionModal } from "./AddExceptionModal";
import { ConfirmDeleteModal } from "./ConfirmDeleteModal";
import { formatLocalDateRange, formatWallTimeRange, summarizeWeeklyHours } from "./format";

/** Lists a worker's dated exceptions to the weekly hours, and adds and deletes them. */
export function ExceptionsPanel({ worker }: { worker: WorkerDetail }) {
  const { t } = useTranslation("team");
  const businessUnit = useCurrentBusinessUnit();
  const [addOpened, addModal] = useDisclosure(false);
  const [toDelete, setToDelete] = useState<SavedHoursException | null>(null);
  const deleteException = useDeleteException(businessUnit.id, worker.userId);

  const exceptions = [...worker.exceptions].sort(
    (a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to),
  );

  const closeDelete = () => {
    deleteException.reset();
    setToDelete(null);
  };
  const confirmDelete = () => {
    if (!toDelete) {
      return;
    }
    deleteException.mutate(toDelete.id, {
      onSuccess: () => {
        notifications.show({ color: "green", message: t("exceptions.deleted") });
        closeDelete();
      },
    });
  };

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed" maw={720}>
        {t("exceptions.intro")}
      </Text>
      <Group>
        <Button onClick={addModal.open}>{t("exceptions.add")}</Button>
      </Group>

      {exceptions.length === 0 ? (
        <Text>{t("exceptions.empty")}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped verticalSpacing="sm">
            <Table.Caption>{t("exceptions.caption", { name: worker.name })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("exceptions.columns.dates")}</Table.Th>
                <Table.Th scope="col">{t("exceptions.columns.hours")}</Table.Th>
                <Table.Th scope="col">{t("exceptions.columns.label")}</Table.Th>
                <Table.Th scope="col">{t("exceptions.columns.actions")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {exceptions.map((exception) => {
                const dates = formatLocalDateRange(exception.from, exception.to);
                return (
                  <Table.Tr key={exception.id}>
                    <Table.Th scope="row" fw={500}>
                      {dates}
                    </Table.Th>
                    <Table.Td>
                      <ExceptionHours exception={exception} />
                    </Table.Td>
                    <Table.Td>{exception.label ?? ""}</Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="light"
                        color="red"
                        aria-label={t("exceptions.deleteFor", { dates })}
                        onClick={() => setToDelete(exception)}
                      >
                        {t("exceptions.delete")}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <AddExceptionModal opened={addOpened} onClose={addModal.close} worker={worker} />
      <ConfirmDeleteModal
        opened={toDelete !== null}
        title={t("exceptions.deleteTitle")}
        message={
          toDelete
            ? t("exceptions.deleteMessage", {
                dates: formatLocalDateRange(toDelete.from, toDelete.to),
                name: worker.name,
              })
            : ""
        }
        confirmLabel={t("exceptions.deleteConfirm")}
        error={deleteException.isError ? translateApiError(deleteException.error) : null}
        isPending={deleteException.isPending}
        onConfirm={confirmDelete}
        onClose={closeDelete}
      />
    </Stack>
  );
}

function ExceptionHours({ exception }: { exception: SavedHoursException }) {
  const { t } = useTranslation("team");
  if (exception.hours === "off") {
    return (
      <Badge color="gray" variant="light" tt="none">
        {t("exceptions.dayOff")}
      </Badge>
    );
  }
  const lines = summarizeWeeklyHours(exception.hours);
  return (
    <Stack gap={2}>
      {lines.length === 0 ? <Text size="sm">{t("exceptions.noHours")}</Text> : null}
      {lines.map((line) => (
        <Text key={line} size="sm">
          {line}
        </Text>
      ))}
      {exception.hours.lunch && (
        <Text size="sm" c="dimmed">
          {t("exceptions.lunch", { range: formatWallTimeRange(exception.hours.lunch) })}
        </Text>
      )}
      {exception.worksOnPublicHolidays && (
        <Text size="sm" c="dimmed">
          {t("exceptions.worksOnPublicHolidays")}
        </Text>
      )}
    </Stack>
  );
}
