import { Title } from "@mantine/core";
import type { Ref } from "react";
import { useTranslation } from "react-i18next";
import classes from "../customers.module.css";

/** Number of steps of the import wizard. */
export const IMPORT_STEP_COUNT = 3;

/** The heading of one wizard step, such as "Step 2 of 3: Check the preview". It takes the focus when the step opens. */
export function StepHeading({
  headingRef,
  step,
  name,
}: {
  headingRef: Ref<HTMLHeadingElement>;
  /** From 1. */
  step: number;
  name: string;
}) {
  const { t } = useTranslation("customers");
  return (
    <Title order={2} size="h3" ref={headingRef} tabIndex={-1} className={classes.stepHeading}>
      {t("import.stepHeading", { number: step, count: IMPORT_STEP_COUNT, name })}
    </Title>
  );
}
