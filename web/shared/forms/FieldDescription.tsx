import { Text } from "@mantine/core";
import { useTranslation } from "react-i18next";

/**
 * Builds the description of a field's input: a visible "Required" mark, then the non-empty texts.
 * The mark stays out of the label, so the label is the field's label alone for assistive technology
 * and for look-ups by label. The input itself carries the `required` attribute.
 */
export function FieldDescription({ required, texts }: { required: boolean; texts: (string | undefined)[] }) {
  const { t } = useTranslation("forms");
  const text = texts.filter(Boolean).join(" ");
  if (!required && text === "") {
    return null;
  }
  return (
    <>
      {required && (
        <Text span inherit fw={700} c="red.8">
          {t("requiredMark")}
        </Text>
      )}
      {required && text !== "" && " · "}
      {text}
    </>
  );
}

/** Returns the description node for `FieldDescription`, or undefined when it would be empty. */
export function fieldDescription(required: boolean, ...texts: (string | undefined)[]) {
  return required || texts.some(Boolean) ? <FieldDescription required={required} texts={texts} /> : undefined;
}
