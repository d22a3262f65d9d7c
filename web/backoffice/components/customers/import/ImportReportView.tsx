import { Alert, Button, Paper, SimpleGrid, Stack, Table, Text, Title, useMantineTheme } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { useCurrentBusinessUnit } from "../../../lib/current-business-unit";
import { type ImportReport, type ImportReportRow, importReportUrl } from "../../../lib/customers";
import { describeOutcomeReason, describeRowProblem } from "./problem-text";

/** Maximum number of problem lines on screen, because the CSV report has them all. */
const MAX_PROBLEM_LINES = 200;

interface ProblemLine {
  key: string;
  line: number;
  outcome: "skipped" | "rejected";
  column: string;
  value: string;
  reason: string;
}

/** Builds one line per problem of each skipped or rejected row, or one line with the reason when it has none. */
function problemLines(rows: readonly ImportReportRow[]): ProblemLine[] {
  const lines: ProblemLine[] = [];
  for (const row of rows) {
    if (row.outcome !== "skipped" && row.outcome !== "rejected") {
      continue;
    }
    const outcome = row.outcome;
    if (row.errors.length > 0) {
      row.errors.forEach((problem, index) => {
        lines.push({
          key: `${row.line}-${index}`,
          line: row.line,
          outcome,
          column: problem.column,
          value: problem.value,
          reason: describeRowProblem(problem),
        });
      });
    } else {
      lines.push({
        key: `${row.line}-reason`,
        line: row.line,
        outcome,
        column: "",
        value: "",
        reason: describeOutcomeReason(row),
      });
    }
  }
  return lines;
}

/** Shows the counts of an import, its skipped and rejected rows, and the link to the CSV report. */
export function ImportReportView({ report }: { report: ImportReport }) {
  const { t } = useTranslation("customers");
  const businessUnit = useCurrentBusinessUnit();
  const counts = {
    created: report.created,
    updated: report.updated,
    skipped: report.skipped,
    rejected: report.rejected,
  };
  const lines = problemLines(report.rows);

  return (
    <Stack gap="md">
      <Text role="status" fw={600}>
        {report.dryRun ? t("import.report.dryRunSummary", counts) : t("import.report.summary", counts)}
      </Text>
      {report.dryRun && (
        <Alert color="blue" variant="light">
          {t("import.report.dryRunNotice")}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 2, sm: 4 }} component="dl" spacing="sm" m={0}>
        {(Object.keys(counts) as (keyof typeof counts)[]).map((outcome) => (
          <Paper key={outcome} withBorder p="sm">
            <Text component="dt" size="sm" c="dimmed">
              {report.dryRun ? t(`import.report.wouldBe.${outcome}`) : t(`import.report.counts.${outcome}`)}
            </Text>
            <Text component="dd" size="xl" fw={700} m={0}>
              {counts[outcome]}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      <Button
        component="a"
        href={importReportUrl(businessUnit.id, report.id)}
        download
        variant="default"
        style={{ alignSelf: "flex-start" }}
      >
        {t("import.report.download")}
      </Button>
      {lines.length > 0 && <ProblemTable lines={lines} />}
    </Stack>
  );
}

function ProblemTable({ lines }: { lines: ProblemLine[] }) {
  const { t } = useTranslation("customers");
  const theme = useMantineTheme();
  const isWide = useMediaQuery(`(min-width: ${theme.breakpoints.sm})`, true, {
    getInitialValueInEffect: false,
  });
  const visibleLines = lines.slice(0, MAX_PROBLEM_LINES);

  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {t("import.report.problemsHeading")}
      </Title>
      {lines.length > visibleLines.length && (
        <Text size="sm">
          {t("import.report.problemsTruncated", { shown: visibleLines.length, count: lines.length })}
        </Text>
      )}
      {isWide ? (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs" striped>
            <Table.Caption>{t("import.report.problemsCaption")}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("import.report.columns.line")}</Table.Th>
                <Table.Th scope="col">{t("import.report.columns.outcome")}</Table.Th>
                <Table.Th scope="col">{t("import.report.columns.column")}</Table.Th>
                <Table.Th scope="col">{t("import.report.columns.value")}</Table.Th>
                <Table.Th scope="col">{t("import.report.columns.reason")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {visibleLines.map((line) => (
                <Table.Tr key={line.key}>
                  <Table.Th scope="row">{line.line}</Table.Th>
                  <Table.Td>{t(`import.report.outcomes.${line.outcome}`)}</Table.Td>
                  <Table.Td>{line.column}</Table.Td>
                  <Table.Td style={{ overflowWrap: "break-word" }}>{line.value}</Table.Td>
                  <Table.Td>{line.reason}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : (
        <Stack gap="xs" component="ul" className="plain-list" aria-label={t("import.report.problemsCaption")}>
          {visibleLines.map((line) => (
            <Paper component="li" key={line.key} withBorder p="sm">
              <Stack gap={2}>
                <Text fw={600} size="sm">
                  {t("import.report.lineOutcome", {
                    line: line.line,
                    outcome: t(`import.report.outcomes.${line.outcome}`),
                  })}
                </Text>
                {line.column !== "" && (
                  <Text size="sm" style={{ overflowWrap: "anywhere" }}>
                    {t("import.report.columnValue", {
                      column: line.column,
                      value:
                        line.value === ""
                          ? t("import.report.emptyValue")
                          : t("import.report.quotedValue", { value: line.value }),
                    })}
                  </Text>
                )}
                <Text size="sm">{line.reason}</Text>
              </Stack>
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
