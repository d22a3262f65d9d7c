import { Anchor, Stack, Stepper, Title, useMantineTheme } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { ImportChoices } from "../../components/customers/import/choices";
import { FileStep } from "../../components/customers/import/FileStep";
import { PreviewStep } from "../../components/customers/import/PreviewStep";
import { RunStep } from "../../components/customers/import/RunStep";
import { PlannerRequired } from "../../components/customers/PlannerRequired";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import { canEditCustomers, type ImportPreview } from "../../lib/customers";
import { usePageTitle } from "../../lib/page-title";

const STEPS = ["file", "preview", "run"] as const;

/**
 * Imports customers from a spreadsheet file in three steps: choose the file, check the preview
 * (encoding, separator, mapping, first rows, mode), then run the import and read its report.
 * Each step's heading gets the focus when the step opens, so screen readers announce it.
 */
export function CustomerImportPage() {
  const { t } = useTranslation("customers");
  const businessUnit = useCurrentBusinessUnit();
  usePageTitle(`${t("import.title")} – ${t("title")} – ${businessUnit.name}`);

  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/bu/${encodeURIComponent(businessUnit.id)}/customers`} size="sm">
        {t("record.backToList")}
      </Anchor>
      <Title order={1}>{t("import.title")}</Title>
      {canEditCustomers(businessUnit.roles) ? <ImportWizard /> : <PlannerRequired />}
    </Stack>
  );
}

function ImportWizard() {
  const { t } = useTranslation("customers");
  const theme = useMantineTheme();
  // Below the `sm` breakpoint the three steps are listed one under the other, as they do not fit on one line.
  const isWide = useMediaQuery(`(min-width: ${theme.breakpoints.sm})`, true, {
    getInitialValueInEffect: false,
  });
  const [step, setStep] = useState(0);
  const [choices, setChoices] = useState<ImportChoices | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [importId, setImportId] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const previousStep = useRef(step);

  useEffect(() => {
    if (previousStep.current !== step) {
      previousStep.current = step;
      headingRef.current?.focus();
    }
  }, [step]);

  const restart = () => {
    setChoices(null);
    setPreview(null);
    setImportId(null);
    setStep(0);
  };

  // Going back is offered only to a finished step, and never while an import runs or after it.
  const canGoBackTo = (index: number) => index < step && step < 2;

  return (
    <Stack gap="lg">
      {/* The steps only show the progress; each step's content follows the Stepper, outside its group. */}
      <Stepper
        active={step}
        onStepClick={(index) => {
          if (canGoBackTo(index)) {
            setStep(index);
          }
        }}
        allowNextStepsSelect={false}
        role="group"
        aria-label={t("import.stepsLabel")}
        size="sm"
        orientation={isWide ? "horizontal" : "vertical"}
      >
        {STEPS.map((name, index) => (
          <Stepper.Step
            key={name}
            label={t(`import.steps.${name}`)}
            aria-label={t("import.stepName", {
              number: index + 1,
              count: STEPS.length,
              name: t(`import.steps.${name}`),
            })}
            aria-current={index === step ? "step" : undefined}
            aria-disabled={canGoBackTo(index) ? undefined : true}
            allowStepSelect={canGoBackTo(index)}
          />
        ))}
      </Stepper>
      {step === 0 && (
        <FileStep
          headingRef={headingRef}
          initialFile={choices?.file ?? null}
          onPreviewed={(file, firstPreview) => {
            setChoices({ file, mapping: {}, mode: "create", dryRun: false });
            setPreview(firstPreview);
            setStep(1);
          }}
        />
      )}
      {step === 1 && choices && preview && (
        <PreviewStep
          headingRef={headingRef}
          choices={choices}
          preview={preview}
          onChange={(nextChoices, nextPreview) => {
            setChoices(nextChoices);
            setPreview(nextPreview);
          }}
          onBack={() => setStep(0)}
          onStarted={(id) => {
            setImportId(id);
            setStep(2);
          }}
        />
      )}
      {step === 2 && choices && importId && (
        <RunStep
          headingRef={headingRef}
          importId={importId}
          dryRun={choices.dryRun}
          onBackToPreview={() => {
            setImportId(null);
            setStep(1);
          }}
          onRestart={restart}
        />
      )}
    </Stack>
  );
}
