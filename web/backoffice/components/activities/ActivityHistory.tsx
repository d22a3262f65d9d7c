import { List, Stack, Text, Title } from "@mantine/core";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../../shared/format";
import type { Activity, HistoryEntry } from "../../lib/activities";

const KNOWN_ACTIONS = [
  "created",
  "updated",
  "scheduled",
  "unscheduled",
  "started",
  "closed",
  "canceled",
  "reopened",
  "follow_up_created",
] as const;

const KNOWN_FIELDS = [
  "status",
  "result",
  "cancelReason",
  "cancelDetails",
  "comment",
  "durationMinutes",
  "addressLine1",
  "addressLine2",
  "postcode",
  "city",
  "latitude",
  "longitude",
  "assigneeId",
  "startAt",
  "endAt",
  "confirmedByCustomer",
  "answers",
  "closingAnswers",
  "customerId",
  "parentId",
] as const;
type KnownField = (typeof KNOWN_FIELDS)[number];

const STATUSES = ["pending", "in_progress", "terminated", "canceled"] as const;
const CANCEL_REASON_VALUES = [
  "customer_request",
  "internal",
  "missing_equipment",
  "work_order_issuer",
  "other",
] as const;

function find<T extends string>(values: readonly T[], value: unknown): T | undefined {
  return values.find((candidate) => candidate === value);
}

interface HistoryProps {
  activity: Activity;
  zone: string;
  /** Names of the unit's workers by user id, to show the worker field by name. */
  workerNames: ReadonlyMap<string, string>;
}

/**
 * Lists the activity's history, oldest first: who acted, when and what they did, each changed
 * field as "before → after", and the note.
 */
export function ActivityHistory({ activity, zone, workerNames }: HistoryProps) {
  const { t } = useTranslation("activities");
  return (
    <Stack gap="sm" component="section" aria-labelledby="activity-history">
      <Title order={2} id="activity-history">
        {t("history.title")}
      </Title>
      {activity.history.length === 0 ? (
        <Text c="dimmed">{t("history.empty")}</Text>
      ) : (
        <ol className="plain-list">
          {activity.history.map((entry, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: history entries have no id and never reorder.
            <li key={index}>
              <HistoryItem entry={entry} activity={activity} zone={zone} workerNames={workerNames} />
            </li>
          ))}
        </ol>
      )}
    </Stack>
  );
}

function actorOf(entry: HistoryEntry, t: TFunction<"activities">): string {
  if (entry.actorKind === "system") {
    return t("history.system");
  }
  if (entry.actorKind === "customer") {
    return entry.actorName ? t("history.customerNamed", { name: entry.actorName }) : t("history.customer");
  }
  return entry.actorName ?? t("history.unknownStaff");
}

function HistoryItem({
  entry,
  activity,
  zone,
  workerNames,
}: {
  entry: HistoryEntry;
  activity: Activity;
  zone: string;
  workerNames: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslation("activities");
  const actor = actorOf(entry, t);
  const action = find(KNOWN_ACTIONS, entry.action);
  const summary = action
    ? t(`history.actions.${action}`, { actor })
    : t("history.actions.other", { actor, action: entry.action });
  // The database returns the fields in no useful order, so they follow the order of the activity's fields.
  const changes = Object.entries(entry.changes).sort(([a], [b]) => fieldRank(a) - fieldRank(b));

  return (
    <Stack gap={4} py="xs">
      <Title order={3} size="h5">
        {summary}
      </Title>
      <Text size="sm" c="dimmed">
        <time dateTime={entry.at}>{formatDateTime(entry.at, zone)}</time>
      </Text>
      {changes.length > 0 && (
        <List size="sm" spacing={2} aria-label={t("history.changesLabel")}>
          {changes.map(([field, change]) => (
            <List.Item key={field}>
              {t("history.change", {
                field: fieldLabel(field, t),
                before: formatValue(field, change.before, { activity, zone, workerNames, t }),
                after: formatValue(field, change.after, { activity, zone, workerNames, t }),
              })}
            </List.Item>
          ))}
        </List>
      )}
      {entry.note && (
        <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
          {t("history.note", { note: entry.note })}
        </Text>
      )}
    </Stack>
  );
}

/** Fields in the order a reader expects them: worker and times first, then the rest. */
const FIELD_ORDER: readonly string[] = [
  "status",
  "assigneeId",
  "startAt",
  "endAt",
  "result",
  "cancelReason",
  "cancelDetails",
  "customerId",
  "parentId",
  "durationMinutes",
  "confirmedByCustomer",
  "comment",
  "addressLine1",
  "addressLine2",
  "postcode",
  "city",
  "latitude",
  "longitude",
  "answers",
  "closingAnswers",
];

function fieldRank(field: string): number {
  const rank = FIELD_ORDER.indexOf(field);
  return rank === -1 ? FIELD_ORDER.length : rank;
}

function fieldLabel(field: string, t: TFunction<"activities">): string {
  const known = find(KNOWN_FIELDS, field);
  return known ? t(`history.fields.${known}`) : field;
}

interface ValueContext {
  activity: Activity;
  zone: string;
  workerNames: ReadonlyMap<string, string>;
  t: TFunction<"activities">;
}

/**
 * Formats a stored value for reading: times in the unit's zone, the worker and customer by name
 * where the screen has it, codes translated. Answers are summarized, because the forms show
 * their current values.
 */
function formatValue(
  field: string,
  value: unknown,
  { activity, zone, workerNames, t }: ValueContext,
): string {
  if (value === null || value === undefined || value === "") {
    return t("history.none");
  }
  const known: KnownField | undefined = find(KNOWN_FIELDS, field);
  switch (known) {
    case "startAt":
    case "endAt":
      return typeof value === "string" ? formatDateTime(value, zone) : String(value);
    case "assigneeId": {
      const name = typeof value === "string" ? workerNames.get(value) : undefined;
      if (name) {
        return name;
      }
      return activity.assignee?.id === value ? activity.assignee.name : t("history.otherWorker");
    }
    case "customerId":
      return activity.customer?.id === value ? activity.customer.displayName : t("history.otherCustomer");
    case "parentId":
      return activity.parent?.id === value ? activity.parent.reference : t("history.otherActivity");
    case "status": {
      const status = find(STATUSES, value);
      return status ? t(`statuses.${status}`) : String(value);
    }
    case "cancelReason": {
      const reason = find(CANCEL_REASON_VALUES, value);
      return reason ? t(`cancelReasons.${reason}`) : String(value);
    }
    case "result":
      if (value === "ok") {
        return t("results.ok");
      }
      return value === "ko" ? t("results.ko") : String(value);
    case "confirmedByCustomer":
      return value === true ? t("history.yes") : t("history.no");
    case "durationMinutes":
      return t("durationValue", { count: Number(value) });
    case "answers":
    case "closingAnswers":
      return typeof value === "object"
        ? t("history.answerCount", { count: Object.keys(value as object).length })
        : String(value);
    default:
      return typeof value === "object" ? JSON.stringify(value) : String(value);
  }
}
