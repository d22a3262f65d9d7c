import { Anchor, Group, Paper, Stack, Text } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatDateTime } from "../../../shared/format";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import { type MessageFilters, messagesQueryKey, useMessages } from "../../lib/messages";
import { QueryState } from "../QueryState";
import { MessageDrawer } from "./MessageDrawer";
import { MessageStatusBadge } from "./MessageStatusBadge";
import { channelLabel, eventLabel } from "./message-text";

/** Number of messages that the compact list shows; the Messages page lists the rest. */
const SHOWN_MESSAGES = 5;

type RelatedMessagesProps =
  | { activityId: string; customerId?: never; version: number }
  | { customerId: string; activityId?: never; version?: never };

/**
 * Lists the newest messages of one activity or customer, with a link to all of them on the
 * Messages page. Render it for admins and planners only, because only they may read messages.
 * For an activity, pass its `version`: a change of the activity, such as a new time, queues
 * messages, so the list reloads when the version changes.
 */
export function RelatedMessages({ activityId, customerId, version }: RelatedMessagesProps) {
  const { t } = useTranslation("messages");
  const businessUnit = useCurrentBusinessUnit();
  const queryClient = useQueryClient();
  const [openMessageId, setOpenMessageId] = useState<string | null>(null);
  const filters: MessageFilters = useMemo(
    () => ({
      activityId: activityId ?? null,
      customerId: customerId ?? null,
      statuses: [],
      limit: SHOWN_MESSAGES,
      offset: 0,
    }),
    [activityId, customerId],
  );
  const query = useMessages(businessUnit.id, filters);

  const previousVersion = useRef(version);
  useEffect(() => {
    if (previousVersion.current !== version) {
      previousVersion.current = version;
      void queryClient.invalidateQueries({ queryKey: messagesQueryKey(businessUnit.id) });
    }
  }, [version, queryClient, businessUnit.id]);

  const base = `/bu/${encodeURIComponent(businessUnit.id)}/messages`;
  const allLink = activityId
    ? { to: `${base}?activityId=${encodeURIComponent(activityId)}`, label: t("related.showAllActivity") }
    : {
        to: `${base}?customerId=${encodeURIComponent(customerId ?? "")}`,
        label: t("related.showAllCustomer"),
      };
  const zone = businessUnit.timeZone;

  return (
    <Stack gap="sm">
      {!query.data ? (
        <QueryState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.length === 0 ? (
        <Text size="sm">{t("related.none")}</Text>
      ) : (
        <>
          {query.data.length === SHOWN_MESSAGES && (
            <Text size="sm" c="dimmed">
              {t("related.firstOf", { count: SHOWN_MESSAGES })}
            </Text>
          )}
          <Stack gap="xs" component="ul" className="plain-list">
            {query.data.map((message) => {
              const event = eventLabel(message.event);
              const when = formatDateTime(message.createdAt, zone);
              return (
                <Paper component="li" key={message.id} withBorder p="xs">
                  <Group gap="xs" justify="space-between" wrap="wrap">
                    <Anchor
                      component="button"
                      type="button"
                      ta="left"
                      fw={500}
                      aria-label={t("list.open", { event, recipient: message.recipient, when })}
                      onClick={() => setOpenMessageId(message.id)}
                    >
                      {event}
                    </Anchor>
                    <MessageStatusBadge status={message.status} size="sm" />
                  </Group>
                  <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                    {when} · {channelLabel(message.channel)} · {message.recipient}
                  </Text>
                </Paper>
              );
            })}
          </Stack>
        </>
      )}
      <Anchor component={Link} to={allLink.to} size="sm">
        {allLink.label}
      </Anchor>
      <MessageDrawer messageId={openMessageId} onClose={() => setOpenMessageId(null)} />
    </Stack>
  );
}
