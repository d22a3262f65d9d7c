import { Button, Fieldset, Group, SimpleGrid, Stack, Text } from "@mantine/core";
import { useId } from "react";

export interface PickableCode {
  /** The code without braces, such as `customer.name`. */
  code: string;
  /** Meaning of the code, or "" when unknown. */
  description: string;
}

interface ReplacementCodePickerProps {
  legend: string;
  /** Says where a button inserts its code. */
  hint: string;
  codes: readonly PickableCode[];
  onInsert: (code: string) => void;
}

/** Lists the replacement codes that a text may use, each a button that inserts `{code}`. */
export function ReplacementCodePicker({ legend, hint, codes, onInsert }: ReplacementCodePickerProps) {
  const idPrefix = useId();
  return (
    <Fieldset legend={legend}>
      <Stack gap="sm">
        <Text size="sm">{hint}</Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" component="ul" className="plain-list">
          {codes.map(({ code, description }) => {
            const descriptionId = `${idPrefix}-${code}`;
            return (
              <Group component="li" key={code} gap="xs" wrap="nowrap" align="flex-start">
                <Button
                  size="compact-sm"
                  variant="light"
                  tt="none"
                  ff="monospace"
                  aria-describedby={description ? descriptionId : undefined}
                  onClick={() => onInsert(code)}
                  style={{ flexShrink: 0 }}
                >
                  {`{${code}}`}
                </Button>
                {description && (
                  <Text size="sm" id={descriptionId}>
                    {description}
                  </Text>
                )}
              </Group>
            );
          })}
        </SimpleGrid>
      </Stack>
    </Fieldset>
  );
}
