import { Paper, Select, Stack, Table, Text, Title, useMantineTheme } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import {
  type ColumnTarget,
  IMPORT_FIELDS,
  type ImportField,
  type ImportPreview,
} from "../../../lib/customers";

/** Number of sample values shown for each column. */
const SAMPLE_COUNT = 2;

/** Encodes a target as a Select value: "field:city", "custom" or "ignore". */
function targetValue(target: ColumnTarget | undefined): string {
  if (target === undefined || target.kind === "ignore") {
    return "ignore";
  }
  return target.kind === "custom" ? "custom" : `field:${target.field}`;
}

function parseTargetValue(value: string, header: string): ColumnTarget {
  if (value.startsWith("field:")) {
    const field = value.slice("field:".length);
    if ((IMPORT_FIELDS as readonly string[]).includes(field)) {
      return { kind: "field", field: field as ImportField };
    }
  }
  // A custom field is named by the column's header, as the server proposes it.
  return value === "custom" ? { kind: "custom", name: header } : { kind: "ignore" };
}

/** Returns the first non-empty values of a column in the previewed rows, joined for display. */
function samplesOf(preview: ImportPreview, header: string): string {
  return preview.rows
    .map((row) => row.values[header]?.trim() ?? "")
    .filter((value) => value !== "")
    .slice(0, SAMPLE_COUNT)
    .join(" · ");
}

interface MappingTableProps {
  preview: ImportPreview;
  disabled: boolean;
  onChange: (header: string, target: ColumnTarget) => void;
}

/**
 * Shows each column of the file with sample values and a Select of its target: a customer field,
 * a custom field named after the header, or nothing. The server's proposal is preselected.
 */
export function MappingTable({ preview, disabled, onChange }: MappingTableProps) {
  const { t } = useTranslation("customers");
  const theme = useMantineTheme();
  const isWide = useMediaQuery(`(min-width: ${theme.breakpoints.sm})`, true, {
    getInitialValueInEffect: false,
  });

  const optionsFor = (header: string) => [
    {
      group: t("import.mapping.fieldsGroup"),
      items: IMPORT_FIELDS.map((field) => ({ value: `field:${field}`, label: t(`import.fields.${field}`) })),
    },
    {
      group: t("import.mapping.otherGroup"),
      items: [
        { value: "custom", label: t("import.mapping.custom", { name: header }) },
        { value: "ignore", label: t("import.mapping.ignore") },
      ],
    },
  ];

  const selectFor = (header: string, withVisibleLabel: boolean) => {
    const label = t("import.mapping.selectLabel", { header });
    return (
      <Select
        label={withVisibleLabel ? label : undefined}
        aria-label={withVisibleLabel ? undefined : label}
        data={optionsFor(header)}
        value={targetValue(preview.mapping[header])}
        onChange={(value) => {
          if (value !== null) {
            onChange(header, parseTargetValue(value, header));
          }
        }}
        allowDeselect={false}
        disabled={disabled}
        maxDropdownHeight={320}
      />
    );
  };

  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {t("import.mapping.heading")}
      </Title>
      <Text size="sm" c="dimmed">
        {t("import.mapping.hint")}
      </Text>
      {isWide ? (
        <Table.ScrollContainer minWidth={600}>
          <Table verticalSpacing="xs">
            <Table.Caption>{t("import.mapping.caption")}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("import.mapping.columns.header")}</Table.Th>
                <Table.Th scope="col">{t("import.mapping.columns.samples")}</Table.Th>
                <Table.Th scope="col">{t("import.mapping.columns.target")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.headers.map((header) => (
                <Table.Tr key={header}>
                  <Table.Th scope="row" fw={500}>
                    {header}
                  </Table.Th>
                  <Table.Td>
                    <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                      {samplesOf(preview, header)}
                    </Text>
                  </Table.Td>
                  <Table.Td w={280}>{selectFor(header, false)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : (
        <Stack gap="xs" component="ul" className="plain-list" aria-label={t("import.mapping.caption")}>
          {preview.headers.map((header) => (
            <Paper component="li" key={header} withBorder p="sm">
              <Stack gap={4}>
                <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                  {t("import.mapping.samplesOf", { samples: samplesOf(preview, header) })}
                </Text>
                {selectFor(header, true)}
              </Stack>
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
