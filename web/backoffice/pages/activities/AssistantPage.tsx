import { Alert, Anchor, Box, Button, Group, Loader, Stack, Tabs, Text, Title } from "@mantine/core";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { addDays, isLocalDate, type LocalDate, todayInZone } from "../../../shared/zoned-time";
import { formatSchedule } from "../../components/activities/format";
import { BestSlotsTab } from "../../components/assistant/BestSlotsTab";
import { ConfirmBookingModal } from "../../components/assistant/ConfirmBookingModal";
import { ManualChoiceTab } from "../../components/assistant/ManualChoiceTab";
import { TopWorkersTab } from "../../components/assistant/TopWorkersTab";
import { QueryState } from "../../components/QueryState";
import { formatLocalDateRange } from "../../components/team/format";
import { PlannerOnly } from "../../components/team/PlannerOnly";
import { type Activity, useActivity } from "../../lib/activities";
import { type Slot, useSuggestions } from "../../lib/assistant";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import { usePageTitle } from "../../lib/page-title";

const TABS = ["best", "workers", "manual"] as const;
type AssistantTab = (typeof TABS)[number];

function isAssistantTab(value: string | null): value is AssistantTab {
  return value !== null && (TABS as readonly string[]).includes(value);
}

/** Days in the range that the best slots and the top workers cover. */
const WEEK_DAYS = 7;

/**
 * Shows the scheduling assistant for one activity: the best slots of a week, the top three field
 * workers, and a manual choice checked live. The tab and the first day are kept in the URL
 * (`?tab=workers&from=2026-06-08`), so a link opens the same view.
 */
export function AssistantPage() {
  const { t } = useTranslation(["assistant", "activities"]);
  const businessUnit = useCurrentBusinessUnit();
  const { activityId = "" } = useParams();
  const query = useActivity(businessUnit.id, activityId);
  const activity = query.data;
  usePageTitle(
    `${activity ? t("title", { reference: activity.reference }) : t("fallbackTitle")} – ${businessUnit.name}`,
  );
  const activityUrl = `/bu/${encodeURIComponent(businessUnit.id)}/activities/${encodeURIComponent(activityId)}`;

  return (
    <Stack gap="lg">
      <Anchor component={Link} to={activityUrl} size="sm">
        {activity ? t("backTo", { reference: activity.reference }) : t("backToActivity")}
      </Anchor>
      <PlannerOnly>
        {activity ? (
          <Assistant activity={activity} />
        ) : (
          <>
            <Title order={1}>{t("fallbackTitle")}</Title>
            <QueryState error={query.error} onRetry={() => void query.refetch()} />
          </>
        )}
      </PlannerOnly>
    </Stack>
  );
}

function Assistant({ activity }: { activity: Activity }) {
  const { t } = useTranslation(["assistant", "activities"]);
  const businessUnit = useCurrentBusinessUnit();
  const zone = businessUnit.timeZone;
  const today = todayInZone(zone);
  const [searchParams, setSearchParams] = useSearchParams();
  const [chosen, setChosen] = useState<Slot | null>(null);

  const requestedTab = searchParams.get("tab");
  const tab: AssistantTab = isAssistantTab(requestedTab) ? requestedTab : "best";
  const requestedFrom = searchParams.get("from");
  const from: LocalDate = requestedFrom && isLocalDate(requestedFrom) ? requestedFrom : today;
  const to = addDays(from, WEEK_DAYS - 1);
  const schedulable =
    activity.state === "unscheduled" || activity.state === "scheduled" || activity.state === "to_close";

  const show = useCallback(
    (changes: { tab?: AssistantTab; from?: LocalDate }) => {
      setSearchParams(
        (current) => {
          const next = new URLSearchParams(current);
          if (changes.tab) next.set("tab", changes.tab);
          if (changes.from) next.set("from", changes.from);
          return next;
        },
        { replace: true },
      );
    },
    [setSearchParams],
  );

  const heading = (
    <Stack gap={4}>
      <Title order={1}>{t("title", { reference: activity.reference })}</Title>
      <Text size="sm">
        {t("activities:schedule.summary", {
          type: activity.activityTypeName,
          customer: activity.customer?.displayName ?? t("activities:noCustomer"),
          count: activity.durationMinutes,
        })}
      </Text>
      {activity.startAt && activity.endAt && activity.assignee && (
        <Text size="sm">
          {t("current", {
            name: activity.assignee.name,
            when: formatSchedule(activity.startAt, activity.endAt, zone),
          })}
        </Text>
      )}
    </Stack>
  );

  if (!schedulable) {
    return (
      <Stack gap="md">
        {heading}
        <Alert color="yellow" role="status">
          {t("notSchedulable", { state: t(`activities:statesInSentence.${activity.state}`) })}
        </Alert>
      </Stack>
    );
  }

  const target = {
    id: activity.id,
    reference: activity.reference,
    durationMinutes: activity.durationMinutes,
  };

  return (
    <Stack gap="md">
      {heading}
      <Tabs
        value={tab}
        onChange={(value) => isAssistantTab(value) && show({ tab: value })}
        keepMounted={false}
      >
        <Tabs.List aria-label={t("tabs.label")} mb="md">
          {TABS.map((value) => (
            <Tabs.Tab key={value} value={value}>
              {t(`tabs.${value}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="best">
          <RangeSuggestions
            activityId={activity.id}
            from={from}
            to={to}
            today={today}
            onFrom={(next) => show({ from: next })}
            tab="best"
            onPick={setChosen}
          />
        </Tabs.Panel>
        <Tabs.Panel value="workers">
          <RangeSuggestions
            activityId={activity.id}
            from={from}
            to={to}
            today={today}
            onFrom={(next) => show({ from: next })}
            tab="workers"
            onPick={setChosen}
          />
        </Tabs.Panel>
        <Tabs.Panel value="manual">
          <ManualChoiceTab activity={target} zone={zone} defaultDate={from} />
        </Tabs.Panel>
      </Tabs>
      <ConfirmBookingModal
        activity={target}
        zone={zone}
        slot={chosen}
        onClose={() => setChosen(null)}
        onPick={setChosen}
      />
    </Stack>
  );
}

interface RangeSuggestionsProps {
  activityId: string;
  from: LocalDate;
  to: LocalDate;
  today: LocalDate;
  onFrom: (from: LocalDate) => void;
  tab: "best" | "workers";
  onPick: (slot: Slot) => void;
}

/** Loads the slots of the week from `from` and shows them as the best slots or the top workers. */
function RangeSuggestions({ activityId, from, to, today, onFrom, tab, onPick }: RangeSuggestionsProps) {
  const { t } = useTranslation("assistant");
  const businessUnit = useCurrentBusinessUnit();
  const query = useSuggestions(businessUnit.id, activityId, from, to);
  const suggestions = query.data;
  // The assistant offers no slot before now, so the week never starts before today.
  const previous = addDays(from, -WEEK_DAYS) < today ? today : addDays(from, -WEEK_DAYS);
  const zone = suggestions?.timeZone ?? businessUnit.timeZone;

  return (
    <Stack gap="md">
      <Group gap="xs" align="center">
        <Button variant="default" disabled={from <= today} onClick={() => onFrom(previous)}>
          {t("week.previous")}
        </Button>
        <Button variant="default" disabled={from === today} onClick={() => onFrom(today)}>
          {t("week.today")}
        </Button>
        <Button variant="default" onClick={() => onFrom(addDays(from, WEEK_DAYS))}>
          {t("week.next")}
        </Button>
        <Text fw={600} aria-live="polite">
          {formatLocalDateRange(from, to)}
        </Text>
        {query.isFetching && <Loader size="xs" aria-label={t("week.updating")} />}
      </Group>
      {suggestions && !suggestions.located && (
        <Alert color="yellow" role="status" title={t("notLocatedTitle")}>
          {t("notLocated")}
        </Alert>
      )}
      {suggestions ? (
        // The previous week stays on screen, dimmed, until the new one arrives.
        <Box style={{ opacity: query.isPlaceholderData ? 0.5 : 1 }} aria-busy={query.isPlaceholderData}>
          {tab === "best" ? (
            <BestSlotsTab suggestions={suggestions} zone={zone} onPick={onPick} />
          ) : (
            <TopWorkersTab suggestions={suggestions} zone={zone} onPick={onPick} />
          )}
        </Box>
      ) : (
        <QueryState error={query.error} onRetry={() => void query.refetch()} />
      )}
      {suggestions && query.error !== null && (
        <QueryState error={query.error} onRetry={() => void query.refetch()} />
      )}
    </Stack>
  );
}
