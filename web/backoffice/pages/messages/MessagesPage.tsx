import { Alert, Anchor, Button, Checkbox, Group, Select, Stack, Text, Title } from "@mantine/core";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { MessageDrawer } from "../../components/messages/MessageDrawer";
import { MessageList } from "../../components/messages/MessageList";
import { isMessageChannel, isMessageStatus } from "../../components/messages/message-text";
import { QueryState } from "../../components/QueryState";
import { PlannerOnly } from "../../components/team/PlannerOnly";
import { useActivity } from "../../lib/activities";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import { useCustomer } from "../../lib/customers";
import {
  MESSAGE_CHANNELS,
  MESSAGE_STATUSES,
  type MessageChannel,
  type MessageFilters,
  type MessageStatus,
  useMessages,
} from "../../lib/messages";
import { usePageTitle } from "../../lib/page-title";

const PAGE_SIZE = 50;
const ALL_CHANNELS = "all";

/** Filters of the page, read from its URL so that links from a customer or an activity can set them. */
interface PageFilters {
  statuses: MessageStatus[];
  channel: MessageChannel | null;
  customerId: string | null;
  activityId: string | null;
  /** From 1. */
  page: number;
}

function readFilters(params: URLSearchParams): PageFilters {
  const statuses = (params.get("status") ?? "").split(",").filter(isMessageStatus);
  const channel = params.get("channel") ?? "";
  const page = Number.parseInt(params.get("page") ?? "1", 10);
  return {
    statuses,
    channel: isMessageChannel(channel) ? channel : null,
    customerId: params.get("customerId") || null,
    activityId: params.get("activityId") || null,
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

function writeFilters(filters: PageFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.statuses.length > 0) {
    params.set("status", filters.statuses.join(","));
  }
  if (filters.channel) {
    params.set("channel", filters.channel);
  }
  if (filters.customerId) {
    params.set("customerId", filters.customerId);
  }
  if (filters.activityId) {
    params.set("activityId", filters.activityId);
  }
  if (filters.page > 1) {
    params.set("page", String(filters.page));
  }
  return params;
}

/** Lists the emails and SMS of the unit, with their status, for admins and planners. */
export function MessagesPage() {
  const { t } = useTranslation("messages");
  const businessUnit = useCurrentBusinessUnit();
  usePageTitle(`${t("title")} – ${businessUnit.name}`);
  return (
    <Stack gap="lg">
      <Title order={1}>{t("title")}</Title>
      <PlannerOnly>
        <MessagesView />
      </PlannerOnly>
    </Stack>
  );
}

function MessagesView() {
  const { t } = useTranslation("messages");
  const businessUnit = useCurrentBusinessUnit();
  const [searchParams, setSearchParams] = useSearchParams();
  const [openMessageId, setOpenMessageId] = useState<string | null>(null);
  // The filters live in state as well as in the URL: the router applies a new URL in a transition,
  // so a checkbox bound to the URL alone would show its old state for a moment after a click.
  const [filters, setFiltersState] = useState(() => readFilters(searchParams));
  const urlSearch = searchParams.toString();
  const writtenSearch = useRef(urlSearch);
  useEffect(() => {
    // A link to this page with other filters, such as the navigation's "Messages", replaces them.
    if (urlSearch !== writtenSearch.current) {
      writtenSearch.current = urlSearch;
      setFiltersState(readFilters(new URLSearchParams(urlSearch)));
    }
  }, [urlSearch]);

  const applyFilters = (next: PageFilters) => {
    const params = writeFilters(next);
    writtenSearch.current = params.toString();
    setFiltersState(next);
    setSearchParams(params, { replace: true });
  };
  // Any change of filter starts again from the newest messages.
  const setFilters = (change: Partial<PageFilters>) => applyFilters({ ...filters, page: 1, ...change });

  // The query key is compared by value, so a new object on each render loads nothing again.
  const request: MessageFilters = {
    customerId: filters.customerId,
    activityId: filters.activityId,
    statuses: filters.statuses,
    limit: PAGE_SIZE,
    offset: (filters.page - 1) * PAGE_SIZE,
  };
  const query = useMessages(businessUnit.id, request);
  // NOTE: the list endpoint has no channel filter, so the channel is filtered on the loaded page
  // only. A page can then show fewer than PAGE_SIZE messages, or none, while older pages match.
  const pageMessages = query.data?.filter(
    (message) => filters.channel === null || message.channel === filters.channel,
  );
  const hasOlder = (query.data?.length ?? 0) === PAGE_SIZE;

  return (
    <Stack gap="md">
      <Text>{t("intro")}</Text>
      {filters.customerId && (
        <CustomerTargetNotice
          customerId={filters.customerId}
          onClear={() => setFilters({ customerId: null })}
        />
      )}
      {filters.activityId && (
        <ActivityTargetNotice
          activityId={filters.activityId}
          onClear={() => setFilters({ activityId: null })}
        />
      )}
      <Group align="flex-start" gap="lg" wrap="wrap">
        <Checkbox.Group
          label={t("filters.status")}
          description={filters.statuses.length === 0 ? t("filters.allStatuses") : undefined}
          value={filters.statuses}
          onChange={(values) => setFilters({ statuses: values.filter(isMessageStatus) })}
        >
          <Group gap="sm" mt={6} wrap="wrap">
            {MESSAGE_STATUSES.map((status) => (
              <Checkbox key={status} value={status} label={t(`statuses.${status}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        <Select
          label={t("filters.channel")}
          w={200}
          data={[
            { value: ALL_CHANNELS, label: t("filters.allChannels") },
            ...MESSAGE_CHANNELS.map((channel) => ({ value: channel, label: t(`channels.${channel}`) })),
          ]}
          value={filters.channel ?? ALL_CHANNELS}
          allowDeselect={false}
          onChange={(value) => setFilters({ channel: value && isMessageChannel(value) ? value : null })}
        />
      </Group>

      {pageMessages ? (
        pageMessages.length === 0 ? (
          <Text role="status">
            {query.data && query.data.length > 0 ? t("list.emptyChannel") : t("list.empty")}
          </Text>
        ) : (
          <MessageList messages={pageMessages} zone={businessUnit.timeZone} onOpen={setOpenMessageId} />
        )
      ) : (
        <QueryState error={query.error} onRetry={() => void query.refetch()} />
      )}

      {(filters.page > 1 || hasOlder) && (
        <Group gap="sm" component="nav" aria-label={t("list.pageInfo", { page: filters.page })}>
          <Button
            variant="default"
            disabled={filters.page === 1}
            onClick={() => applyFilters({ ...filters, page: filters.page - 1 })}
          >
            {t("list.newer")}
          </Button>
          <Text size="sm">{t("list.pageInfo", { page: filters.page })}</Text>
          <Button
            variant="default"
            disabled={!hasOlder}
            onClick={() => applyFilters({ ...filters, page: filters.page + 1 })}
          >
            {t("list.older")}
          </Button>
        </Group>
      )}

      <MessageDrawer messageId={openMessageId} onClose={() => setOpenMessageId(null)} />
    </Stack>
  );
}

function CustomerTargetNotice({ customerId, onClear }: { customerId: string; onClear: () => void }) {
  const { t } = useTranslation("messages");
  const businessUnit = useCurrentBusinessUnit();
  const customer = useCustomer(businessUnit.id, customerId);
  return (
    <TargetNotice onClear={onClear}>
      {t("filters.onlyForCustomer", { name: customer.data?.displayName ?? "…" })}
    </TargetNotice>
  );
}

function ActivityTargetNotice({ activityId, onClear }: { activityId: string; onClear: () => void }) {
  const { t } = useTranslation("messages");
  const businessUnit = useCurrentBusinessUnit();
  const activity = useActivity(businessUnit.id, activityId);
  return (
    <TargetNotice onClear={onClear}>
      {t("filters.onlyForActivity", { reference: activity.data?.reference ?? "…" })}
    </TargetNotice>
  );
}

function TargetNotice({ children, onClear }: { children: string; onClear: () => void }) {
  const { t } = useTranslation("messages");
  return (
    <Alert color="blue" variant="light">
      <Group gap="sm" wrap="wrap">
        <Text size="sm">{children}</Text>
        <Anchor component="button" type="button" size="sm" onClick={onClear}>
          {t("filters.clearTarget")}
        </Anchor>
      </Group>
    </Alert>
  );
}
