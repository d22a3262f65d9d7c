import {
  Alert,
  Anchor,
  Button,
  Drawer,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
  useMantineTheme,
} from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import i18next from "i18next";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatDateTime } from "../../../shared/format";
import { isLanguage, translateApiError } from "../../../shared/i18n";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import { type MessageAttachment, type MessageDetail, useMessage, useResendMessage } from "../../lib/messages";
import { QueryState } from "../QueryState";
import { MessageStatusBadge } from "./MessageStatusBadge";
import { channelLabel, eventLabel, transportLabel } from "./message-text";

interface MessageDrawerProps {
  /** The message to show, or null while the drawer is closed. */
  messageId: string | null;
  onClose: () => void;
}

/**
 * Shows one message in a side panel: its status, dates, text and attachments, and "Send again"
 * for a failed message. On a phone the panel covers the whole screen.
 */
export function MessageDrawer({ messageId, onClose }: MessageDrawerProps) {
  const { t } = useTranslation("messages");
  const theme = useMantineTheme();
  const businessUnit = useCurrentBusinessUnit();
  const query = useMessage(businessUnit.id, messageId);
  const isWide = useMediaQuery(`(min-width: ${theme.breakpoints.sm})`, true, {
    getInitialValueInEffect: false,
  });

  return (
    <Drawer
      opened={messageId !== null}
      onClose={onClose}
      position="right"
      size={isWide ? "lg" : "100%"}
      title={t("detail.title")}
    >
      {query.data && query.data.id === messageId ? (
        <MessageDetails message={query.data} onResent={onClose} />
      ) : (
        <QueryState error={query.error} onRetry={() => void query.refetch()} />
      )}
    </Drawer>
  );
}

function MessageDetails({ message, onResent }: { message: MessageDetail; onResent: () => void }) {
  const { t } = useTranslation(["messages", "common"]);
  const businessUnit = useCurrentBusinessUnit();
  const zone = businessUnit.timeZone;
  const base = `/bu/${encodeURIComponent(businessUnit.id)}`;

  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Group gap="sm" wrap="wrap">
          <Title order={3} size="h4">
            {message.subject ?? eventLabel(message.event)}
          </Title>
          <MessageStatusBadge status={message.status} />
        </Group>
        <Text size="sm">{statusHint(message, zone)}</Text>
      </Stack>

      {message.transport === "local" && message.channel === "email" && (
        <Alert color="yellow" role="status">
          {t("detail.localEmail")}
        </Alert>
      )}
      {message.transport === "log" && message.channel === "sms" && (
        <Alert color="yellow" role="status">
          {t("detail.logSms")}
        </Alert>
      )}

      {message.status === "failed" && <ResendSection message={message} onResent={onResent} />}

      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" component="dl" m={0}>
        <Fact label={t("fields.event")}>{eventLabel(message.event)}</Fact>
        <Fact label={t("fields.channel")}>{channelLabel(message.channel)}</Fact>
        <Fact label={t("fields.recipient")}>
          <span style={{ overflowWrap: "anywhere" }}>{message.recipient}</span>
        </Fact>
        <Fact label={t("fields.language")}>
          {isLanguage(message.language) ? t(`common:languages.${message.language}`) : message.language}
        </Fact>
        <Fact label={t("fields.createdAt")}>{formatDateTime(message.createdAt, zone)}</Fact>
        {message.status === "queued" && (
          <Fact label={t("fields.dueAt")}>{formatDateTime(message.dueAt, zone)}</Fact>
        )}
        <Fact label={t("fields.sentAt")}>
          {message.sentAt ? formatDateTime(message.sentAt, zone) : t("detail.notSent")}
        </Fact>
        <Fact label={t("fields.attempts")}>
          {t("attemptsValue", { attempts: message.attempts, max: message.maxAttempts })}
        </Fact>
        <Fact label={t("fields.transport")}>
          {message.transport ? transportLabel(message.transport) : t("list.none")}
        </Fact>
        {message.activityId && (
          <Fact label={t("fields.activity")}>
            <Anchor component={Link} to={`${base}/activities/${encodeURIComponent(message.activityId)}`}>
              {t("detail.openActivity")}
            </Anchor>
          </Fact>
        )}
        {message.customerId && (
          <Fact label={t("fields.customer")}>
            <Anchor component={Link} to={`${base}/customers/${encodeURIComponent(message.customerId)}`}>
              {t("detail.openCustomer")}
            </Anchor>
          </Fact>
        )}
      </SimpleGrid>

      {message.lastError && (
        <Stack gap={4}>
          <Title order={4} size="h5">
            {t("fields.lastError")}
          </Title>
          <Text size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
            {message.lastError}
          </Text>
        </Stack>
      )}

      {message.channel === "email" && (
        <Stack gap={4}>
          <Title order={4} size="h5">
            {t("fields.subject")}
          </Title>
          <Text>{message.subject ?? t("detail.noSubject")}</Text>
        </Stack>
      )}

      <Stack gap={4}>
        <Title order={4} size="h5">
          {t("fields.body")}
        </Title>
        <Paper withBorder p="sm" bg="gray.0">
          <Text size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
            {message.bodyText}
          </Text>
        </Paper>
      </Stack>

      {message.attachments.length > 0 && (
        <Stack gap={4}>
          <Title order={4} size="h5">
            {t("fields.attachments")}
          </Title>
          <Stack gap={4} component="ul" className="plain-list">
            {message.attachments.map((attachment) => (
              <li key={attachment.fileName}>
                <AttachmentLink attachment={attachment} />
              </li>
            ))}
          </Stack>
        </Stack>
      )}
    </Stack>
  );
}

/** Returns the sentence under the status badge, with the relevant date. */
function statusHint(message: MessageDetail, zone: string): string {
  const t = i18next.t;
  switch (message.status) {
    case "queued":
      return message.attempts > 0
        ? t("messages:statusHints.queuedRetry", { when: formatDateTime(message.dueAt, zone) })
        : t("messages:statusHints.queued");
    case "sent": {
      const when = message.sentAt ? formatDateTime(message.sentAt, zone) : "";
      return message.transport === "local" || message.transport === "log"
        ? t("messages:statusHints.sentLocal", { when })
        : t("messages:statusHints.sent", { when });
    }
    case "sending":
    case "failed":
    case "expired":
    case "canceled":
      return t(`messages:statusHints.${message.status}`);
    default:
      return "";
  }
}

function ResendSection({ message, onResent }: { message: MessageDetail; onResent: () => void }) {
  const { t } = useTranslation("messages");
  const businessUnit = useCurrentBusinessUnit();
  const resend = useResendMessage(businessUnit.id);
  const [error, setError] = useState<unknown>(null);

  return (
    <Stack gap="xs" align="flex-start">
      <Text size="sm">{t("detail.resendHint")}</Text>
      {error !== null && (
        <Alert color="red" variant="light" role="alert">
          {translateApiError(error)}
        </Alert>
      )}
      <Button
        loading={resend.isPending}
        onClick={() => {
          setError(null);
          resend.mutate(message.id, {
            onSuccess: () => {
              notifications.show({
                color: "green",
                message: t("detail.resent", { recipient: message.recipient }),
              });
              onResent();
            },
            onError: setError,
          });
        }}
      >
        {t("detail.resend")}
      </Button>
    </Stack>
  );
}

/** Offers an attachment, such as the calendar entry of a booking, as a file download. */
function AttachmentLink({ attachment }: { attachment: MessageAttachment }) {
  const { t } = useTranslation("messages");
  const download = () => {
    const url = URL.createObjectURL(new Blob([attachment.content], { type: attachment.contentType }));
    const link = document.createElement("a");
    link.href = url;
    link.download = attachment.fileName;
    link.click();
    // The download has started when `click()` returns, so the object URL can be released.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };
  return (
    <Group gap="xs" wrap="wrap">
      <Anchor component="button" type="button" size="sm" onClick={download}>
        {t("detail.download", { fileName: attachment.fileName })}
      </Anchor>
      <Text size="xs" c="dimmed">
        {attachment.contentType.split(";")[0]}
      </Text>
    </Group>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="dd" m={0}>
        {children}
      </Text>
    </div>
  );
}
