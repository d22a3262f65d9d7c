import { Alert, Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { RankedWorker, Slot, Suggestions, WorkerGrade } from "../../lib/assistant";
import classes from "./assistant.module.css";
import { describeReasons, formatDay } from "./assistant-text";
import { SlotButton } from "./SlotButton";

const TOP_COUNT = 3;

const GRADE_COLOURS: Record<WorkerGrade, string> = { green: "green", orange: "orange", red: "red" };

interface TopWorkersTabProps {
  suggestions: Suggestions;
  zone: string;
  onPick: (slot: Slot) => void;
}

/** Shows the three best-ranked field workers of the range, each with their best slot, counts and reasons. */
export function TopWorkersTab({ suggestions, zone, onPick }: TopWorkersTabProps) {
  const { t } = useTranslation("assistant");
  const top = suggestions.workers.slice(0, TOP_COUNT);
  if (top.length === 0) {
    return (
      <Alert color="yellow" role="status">
        {t("workers.none")}
      </Alert>
    );
  }
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="md" component="ol" className="plain-list">
      {top.map((worker, index) => (
        <li key={worker.workerId}>
          <WorkerCard worker={worker} rank={index + 1} zone={zone} onPick={onPick} />
        </li>
      ))}
    </SimpleGrid>
  );
}

function WorkerCard({
  worker,
  rank,
  zone,
  onPick,
}: {
  worker: RankedWorker;
  rank: number;
  zone: string;
  onPick: (slot: Slot) => void;
}) {
  const { t } = useTranslation("assistant");
  const headingId = `assistant-worker-${worker.workerId}`;
  return (
    <Paper withBorder p="md" h="100%" component="article" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Title order={3} size="h5" id={headingId}>
            {t("workers.rank", { rank, name: worker.workerName })}
          </Title>
          <Badge color={GRADE_COLOURS[worker.grade]} variant="light">
            {t(`grades.${worker.grade}`)}
          </Badge>
        </Group>
        <dl className={classes.counts}>
          <div>
            <dt>{t("workers.greenSlots")}</dt>
            <dd>{worker.greenSlots}</dd>
          </div>
          <div>
            <dt>{t("workers.feasibleSlots")}</dt>
            <dd>{worker.feasibleSlots}</dd>
          </div>
        </dl>
        <div>
          <Text size="sm" fw={600} mb={4}>
            {t("workers.bestSlot")}
          </Text>
          {worker.best ? (
            <SlotButton slot={worker.best} zone={zone} onPick={onPick} withDay />
          ) : (
            <Text size="sm">{t("workers.noSlot")}</Text>
          )}
        </div>
        {worker.unsuitable.length > 0 && (
          <div className={classes.red} data-grade="red">
            <Text size="sm" fw={600} className={classes.redText}>
              {worker.best ? t("workers.daysWithoutSlot") : t("workers.whyNoSlot")}
            </Text>
            <ul className={classes.reasonList}>
              {worker.unsuitable.map((entry) => (
                <li key={entry.date ?? "range"}>
                  {entry.date === null
                    ? describeReasons(entry.reasons, zone)
                    : t("workers.dayReasons", {
                        day: formatDay(entry.date),
                        reasons: describeReasons(entry.reasons, zone),
                      })}
                </li>
              ))}
            </ul>
          </div>
        )}
      </Stack>
    </Paper>
  );
}
