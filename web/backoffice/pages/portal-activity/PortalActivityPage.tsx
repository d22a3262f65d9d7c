import { Button, Group, Radio, Stack, Switch, Text, Title, VisuallyHidden } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { translateApiError } from "../../../shared/i18n";
import { PortalEventTable } from "../../components/portal-actions/PortalEventTable";
import { useNow } from "../../components/portal-actions/relative-time";
import { QueryState } from "../../components/QueryState";
import { PlannerOnly } from "../../components/team/PlannerOnly";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import { useLiveUpdates } from "../../lib/live-updates";
import { usePageTitle } from "../../lib/page-title";
import {
  type PortalEvent,
  type PortalEventFilter,
  useAcknowledgePortalEvents,
  usePortalEventSubscription,
  usePortalEvents,
  useSetPortalEventSubscription,
} from "../../lib/portal-actions";

/** How often relative times such as "5 minutes ago" are brought up to date, in milliseconds. */
const CLOCK_TICK_MS = 30_000;

/** Reads the filter from the page's URL: `?show=all` for every event, new events otherwise. */
function filterOf(params: URLSearchParams): PortalEventFilter {
  return params.get("show") === "all" ? "all" : "new";
}

/**
 * Lists what customers did on the portal, for admins and planners: new events by default, or all
 * of them. Events are marked as seen one by one or all at once, and each planner chooses whether
 * to get an email for every event.
 */
export function PortalActivityPage() {
  const { t } = useTranslation("portalActions");
  const businessUnit = useCurrentBusinessUnit();
  useLiveUpdates(businessUnit.id);
  const heading = useRef<HTMLHeadingElement>(null);
  usePageTitle(`${t("events.title")} – ${businessUnit.name}`);
  return (
    <Stack gap="lg">
      <Title order={1} ref={heading} tabIndex={-1}>
        {t("events.title")}
      </Title>
      <PlannerOnly>
        <PortalActivity onListEmptied={() => heading.current?.focus()} />
      </PlannerOnly>
    </Stack>
  );
}

function PortalActivity({ onListEmptied }: { onListEmptied: () => void }) {
  const { t } = useTranslation("portalActions");
  const businessUnit = useCurrentBusinessUnit();
  const [searchParams, setSearchParams] = useSearchParams();
  // The filter lives in state as well as in the URL: the router applies a new URL in a transition,
  // so a radio bound to the URL alone would show its old state for a moment after a click.
  const urlFilter = filterOf(searchParams);
  const [filter, setFilter] = useState<PortalEventFilter>(urlFilter);
  const writtenFilter = useRef(urlFilter);
  useEffect(() => {
    // A link to this page with another filter, such as the navigation's "Portal activity", replaces it.
    if (urlFilter !== writtenFilter.current) {
      writtenFilter.current = urlFilter;
      setFilter(urlFilter);
    }
  }, [urlFilter]);
  const changeFilter = (next: PortalEventFilter) => {
    writtenFilter.current = next;
    setFilter(next);
    setSearchParams(next === "all" ? { show: "all" } : {}, { replace: true });
  };
  const query = usePortalEvents(businessUnit.id, filter);
  const acknowledge = useAcknowledgePortalEvents(businessUnit.id);
  const now = useNow(CLOCK_TICK_MS);
  const [announcement, setAnnouncement] = useState("");
  const [pendingId, setPendingId] = useState<string | null>(null);
  const markButtons = useRef(new Map<string, HTMLButtonElement | null>());
  const markAllButton = useRef<HTMLButtonElement>(null);

  const events = query.data?.events;
  const newCount = query.data?.newCount ?? 0;

  /** Moves the focus to another event still to mark, else to "Mark all as seen", else to the heading. */
  const focusAfter = (event: PortalEvent) => {
    const list = events ?? [];
    const index = list.indexOf(event);
    const others = [...list.slice(index + 1), ...list.slice(0, Math.max(index, 0))];
    const next = others.find((candidate) => candidate.acknowledgedAt === null);
    requestAnimationFrame(() => {
      const button = next ? markButtons.current.get(next.id) : undefined;
      if (button) {
        button.focus();
      } else if (markAllButton.current && !markAllButton.current.disabled) {
        markAllButton.current.focus();
      } else {
        onListEmptied();
      }
    });
  };

  const markOne = (event: PortalEvent) => {
    setPendingId(event.id);
    acknowledge.mutate([event.id], {
      onSuccess: () => {
        setAnnouncement(t("events.markedOne"));
        focusAfter(event);
      },
      onError: (error) => notifications.show({ color: "red", message: translateApiError(error) }),
      onSettled: () => setPendingId(null),
    });
  };

  const markAll = () => {
    acknowledge.mutate(undefined, {
      onSuccess: ({ acknowledged }) => {
        setAnnouncement(t("events.markedAll", { count: acknowledged }));
        onListEmptied();
      },
      onError: (error) => notifications.show({ color: "red", message: translateApiError(error) }),
    });
  };

  return (
    <Stack gap="md">
      <Text>{t("events.intro")}</Text>
      <SubscriptionSwitch />

      <Group justify="space-between" align="flex-end" wrap="wrap" gap="md">
        <Radio.Group
          label={t("events.show")}
          value={filter}
          onChange={(value) => changeFilter(value === "all" ? "all" : "new")}
        >
          <Group gap="lg" mt="xs">
            <Radio value="new" label={t("events.showNew", { count: newCount })} />
            <Radio value="all" label={t("events.showAll")} />
          </Group>
        </Radio.Group>
        <Button
          ref={markAllButton}
          variant="light"
          onClick={markAll}
          disabled={newCount === 0}
          loading={acknowledge.isPending && pendingId === null}
        >
          {t("events.markAll")}
        </Button>
      </Group>

      {events === undefined ? (
        <QueryState error={query.error} onRetry={() => void query.refetch()} />
      ) : events.length === 0 ? (
        <Text role="status">{filter === "new" ? t("events.emptyNew") : t("events.emptyAll")}</Text>
      ) : (
        <PortalEventTable
          events={events}
          buId={businessUnit.id}
          timeZone={businessUnit.timeZone}
          now={now}
          canAcknowledge
          pendingId={pendingId}
          onAcknowledge={markOne}
          buttonRef={(eventId, element) => markButtons.current.set(eventId, element)}
        />
      )}
      <Text size="sm" c="dimmed">
        {t("events.refreshHint")}
      </Text>
      <VisuallyHidden role="status">{announcement}</VisuallyHidden>
    </Stack>
  );
}

/** Renders the switch that subscribes the signed-in planner to an email for each portal event. */
function SubscriptionSwitch() {
  const { t } = useTranslation("portalActions");
  const businessUnit = useCurrentBusinessUnit();
  const subscription = usePortalEventSubscription(businessUnit.id);
  const update = useSetPortalEventSubscription(businessUnit.id);
  // The switch shows the requested value at once, and the stored one again if the request fails.
  const [requested, setRequested] = useState<boolean | null>(null);
  const checked = requested ?? subscription.data?.subscribed ?? false;

  return (
    <Switch
      label={t("events.subscribe")}
      description={t("events.subscribeHint", { businessUnit: businessUnit.name })}
      checked={checked}
      disabled={subscription.data === undefined}
      error={subscription.error ? translateApiError(subscription.error) : undefined}
      onChange={(event) => {
        const subscribed = event.currentTarget.checked;
        setRequested(subscribed);
        update.mutate(subscribed, {
          onSuccess: (saved) =>
            notifications.show({
              color: "green",
              message: saved.subscribed ? t("events.subscribed") : t("events.unsubscribed"),
            }),
          onError: (error) => notifications.show({ color: "red", message: translateApiError(error) }),
          // A later toggle keeps its own requested value until its own request ends.
          onSettled: () => setRequested((current) => (current === subscribed ? null : current)),
        });
      }}
    />
  );
}
