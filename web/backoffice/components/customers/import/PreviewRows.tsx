import { Badge, List, Paper, Stack, Table, Text, Title, useMantineTheme } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import type { ImportPreview, PreviewRow } from "../../../lib/customers";
import { describeRowProblem } from "./problem-text";

/** Minimum widths of the wide table's columns, in pixels; the table scrolls sideways beyond them. */
const COLUMN_MIN_WIDTHS = { line: 60, status: 150, value: 120, problems: 320 };

/**
 * Shows the first rows of the file as the server read them, each with its status and its
 * errors and warnings. A mojibake warning names the repaired text that the import stores.
 */
export function PreviewRows({ preview }: { preview: ImportPreview }) {
  const { t } = useTranslation("customers");
  const theme = useMantineTheme();
  const isWide = useMediaQuery(`(min-width: ${theme.breakpoints.sm})`, true, {
    getInitialValueInEffect: false,
  });
  const caption = t("import.rows.caption", { shown: preview.rows.length, count: preview.counts.rows });

  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {t("import.rows.heading")}
      </Title>
      {preview.rows.length === 0 ? (
        <Text size="sm">{t("import.rows.none")}</Text>
      ) : isWide ? (
        <Table.ScrollContainer
          minWidth={
            COLUMN_MIN_WIDTHS.line +
            COLUMN_MIN_WIDTHS.status +
            preview.headers.length * COLUMN_MIN_WIDTHS.value +
            COLUMN_MIN_WIDTHS.problems
          }
        >
          <Table verticalSpacing="xs" striped>
            <Table.Caption>{caption}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("import.rows.line")}</Table.Th>
                <Table.Th scope="col" miw={COLUMN_MIN_WIDTHS.status}>
                  {t("import.rows.status")}
                </Table.Th>
                <Table.Th scope="col" miw={COLUMN_MIN_WIDTHS.problems}>
                  {t("import.rows.problems")}
                </Table.Th>
                {preview.headers.map((header) => (
                  <Table.Th scope="col" key={header}>
                    {header}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.rows.map((row) => (
                <Table.Tr key={row.line}>
                  <Table.Th scope="row">{row.line}</Table.Th>
                  <Table.Td>
                    <RowStatus row={row} />
                  </Table.Td>
                  <Table.Td>
                    <RowProblems row={row} />
                  </Table.Td>
                  {preview.headers.map((header) => (
                    <Table.Td
                      key={header}
                      miw={COLUMN_MIN_WIDTHS.value}
                      style={{ overflowWrap: "break-word" }}
                    >
                      {row.values[header]}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : (
        <Stack gap="xs" component="ul" className="plain-list" aria-label={caption}>
          {preview.rows.map((row) => (
            <Paper component="li" key={row.line} withBorder p="sm">
              <Stack gap={6}>
                <Text fw={600}>{t("import.rows.lineNumber", { line: row.line })}</Text>
                <RowStatus row={row} />
                <Stack gap={2} component="dl" m={0}>
                  {preview.headers.map((header) => (
                    <Text key={header} component="div" size="sm" style={{ overflowWrap: "anywhere" }}>
                      <Text span component="dt" display="inline" c="dimmed">
                        {header}:
                      </Text>{" "}
                      <Text span component="dd" display="inline" m={0}>
                        {row.values[header]}
                      </Text>
                    </Text>
                  ))}
                </Stack>
                <RowProblems row={row} />
              </Stack>
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function RowStatus({ row }: { row: PreviewRow }) {
  const { t } = useTranslation("customers");
  if (row.errors.length > 0 || !row.draft) {
    return (
      <Badge color="red" variant="light" tt="none">
        {t("import.rows.statuses.error")}
      </Badge>
    );
  }
  if (row.duplicateOf !== undefined) {
    return (
      <Badge color="gray" variant="light" tt="none">
        {t("import.rows.statuses.duplicate", { line: row.duplicateOf })}
      </Badge>
    );
  }
  return (
    <Stack gap={2} align="flex-start">
      <Badge color={row.warnings.length > 0 ? "yellow" : "green"} variant="light" tt="none">
        {row.warnings.length > 0 ? t("import.rows.statuses.warning") : t("import.rows.statuses.ready")}
      </Badge>
      <Text size="sm">{row.draft.displayName}</Text>
    </Stack>
  );
}

function RowProblems({ row }: { row: PreviewRow }) {
  const { t } = useTranslation("customers");
  if (row.errors.length === 0 && row.warnings.length === 0) {
    return null;
  }
  return (
    <List size="sm" spacing={2}>
      {row.errors.map((problem) => (
        <List.Item key={`error-${problem.code}-${problem.column}`}>
          <Text span size="sm" c="red.8" fw={600}>
            {t("import.rows.errorPrefix")}
          </Text>{" "}
          {describeRowProblem(problem)}
        </List.Item>
      ))}
      {row.warnings.map((problem) => (
        <List.Item key={`warning-${problem.code}-${problem.column}`}>
          <Text span size="sm" c="yellow.9" fw={600}>
            {t("import.rows.warningPrefix")}
          </Text>{" "}
          {describeRowProblem(problem)}
        </List.Item>
      ))}
    </List>
  );
}
