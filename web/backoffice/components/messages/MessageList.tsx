import { Anchor, Group, Paper, Stack, Table, Text, useMantineTheme } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../../shared/format";
import type { MessageSummary } from "../../lib/messages";
import { MessageStatusBadge } from "./MessageStatusBadge";
import { channelLabel, eventLabel } from "./message-text";

interface MessageListProps {
  messages: MessageSummary[];
  zone: string;
  onOpen: (messageId: string) => void;
}

/**
 * Lists messages: a table on wide screens, one card per message below the `sm` breakpoint. The
 * event of each message is a button that opens its details.
 */
export function MessageList({ messages, zone, onOpen }: MessageListProps) {
  const { t } = useTranslation("messages");
  const theme = useMantineTheme();
  const isWide = useMediaQuery(`(min-width: ${theme.breakpoints.sm})`, true, {
    getInitialValueInEffect: false,
  });

  const openButton = (message: MessageSummary) => {
    const event = eventLabel(message.event);
    return (
      <Anchor
        component="button"
        type="button"
        fw={500}
        ta="left"
        aria-label={t("list.open", {
          event,
          recipient: message.recipient,
          when: formatDateTime(message.createdAt, zone),
        })}
        onClick={() => onOpen(message.id)}
      >
        {event}
      </Anchor>
    );
  };
  const attempts = (message: MessageSummary) =>
    t("attemptsValue", { attempts: message.attempts, max: message.maxAttempts });

  if (!isWide) {
    return (
      <Stack gap="xs" component="ul" className="plain-list" aria-label={t("list.caption", { zone })}>
        {messages.map((message) => (
          <Paper component="li" key={message.id} withBorder p="sm">
            <Stack gap={4}>
              <Group gap="xs" justify="space-between" wrap="wrap">
                {openButton(message)}
                <MessageStatusBadge status={message.status} size="sm" />
              </Group>
              <Text size="sm" style={{ overflowWrap: "anywhere" }}>
                {channelLabel(message.channel)} · {message.recipient}
              </Text>
              <Text size="sm" c="dimmed">
                {formatDateTime(message.createdAt, zone)} · {t("fields.attempts")} {attempts(message)}
              </Text>
              {message.lastError && (
                <Text size="sm" c="red.8" lineClamp={3} style={{ overflowWrap: "anywhere" }}>
                  {message.lastError}
                </Text>
              )}
            </Stack>
          </Paper>
        ))}
      </Stack>
    );
  }

  return (
    <Table.ScrollContainer minWidth={860}>
      <Table striped highlightOnHover verticalSpacing="sm" captionSide="top">
        <Table.Caption>{t("list.caption", { zone })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("fields.date")}</Table.Th>
            <Table.Th scope="col">{t("fields.event")}</Table.Th>
            <Table.Th scope="col">{t("fields.channel")}</Table.Th>
            <Table.Th scope="col">{t("fields.recipient")}</Table.Th>
            <Table.Th scope="col">{t("fields.status")}</Table.Th>
            <Table.Th scope="col">{t("fields.attempts")}</Table.Th>
            <Table.Th scope="col">{t("fields.lastError")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {messages.map((message) => (
            <Table.Tr key={message.id}>
              <Table.Th scope="row" fw={400}>
                {formatDateTime(message.createdAt, zone)}
              </Table.Th>
              <Table.Td>{openButton(message)}</Table.Td>
              <Table.Td>{channelLabel(message.channel)}</Table.Td>
              <Table.Td style={{ overflowWrap: "anywhere" }}>{message.recipient}</Table.Td>
              <Table.Td>
                <MessageStatusBadge status={message.status} size="sm" />
              </Table.Td>
              <Table.Td>{attempts(message)}</Table.Td>
              <Table.Td maw={280}>
                {message.lastError && (
                  <Text size="sm" lineClamp={2} title={message.lastError}>
                    {message.lastError}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
