import { Alert, Anchor, Button, Group, Modal, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { type Answers, defaultAnswers, validateAnswers } from "../../../../src/domain/forms/index.js";
import { ApiError, segment } from "../../../shared/api";
import { answerMessagesByPath } from "../../../shared/forms/answer-problems";
import { translatePortalError } from "../../lib/errors";
import { portalApi } from "../../lib/portal-api";
import { invalidateCustomerData } from "../../lib/portal-queries";
import type { ActionRunResult, OfferWindow, PortalActionView, SignedInSession } from "../../lib/types";
import { ActionFormFields, focusFirstInvalidField } from "../forms/ActionFormFields";
import { type LiveMessage, LiveRegion, nextMessage } from "../LiveRegion";
import { CallUs } from "./CallUs";
import { NotLocatedMessage } from "./NotLocatedMessage";
import { type FreshWindows, SchedulingStep } from "./SchedulingStep";

/** Result of a successful run, for the confirmation screen. */
export interface ActionOutcome {
  result: ActionRunResult;
  /** The booked arrival window in the visit's zone, when the action had a scheduling step. */
  window: { start: string; end: string; timeZone: string } | null;
}

interface ActionFlowProps {
  session: SignedInSession;
  action: PortalActionView;
  /** Path of the way back: the visit's page for a visit's action, else the home page. */
  backPath: string;
  backLabel: string;
  onDone: (outcome: ActionOutcome) => void;
}

type Step = "form" | "schedule";

/** Error codes after which the action cannot go on, so the page offers only the way back. */
const BLOCKING_CODES = new Set([
  "action_unavailable",
  "change_too_late",
  "customer_not_located",
  "not_found",
]);

/**
 * Runs one portal action: its form, then its scheduling step when it has one, then
 * `POST …/run`. Answers are checked in the page with the server's rules first. The answers stay
 * when the customer goes back from the windows to the form, and when the chosen window was taken
 * meanwhile, in which case the fresh windows of the server replace the offers. A cancellation
 * asks for a confirmation first.
 */
export function ActionFlow({ session, action, backPath, backLabel, onDone }: ActionFlowProps) {
  const { t } = useTranslation(["portal", "common"]);
  const queryClient = useQueryClient();
  const preview = session.preview !== null;
  const form = action.form !== null && action.form.fields.length > 0 ? action.form : null;
  const stepCount = (form ? 1 : 0) + (action.scheduling ? 1 : 0);

  const [step, setStep] = useState<Step>(form || !action.scheduling ? "form" : "schedule");
  const [answers, setAnswers] = useState<Record<string, unknown>>(() =>
    form ? { ...defaultAnswers(form), ...action.answers } : {},
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [focusRequest, setFocusRequest] = useState(0);
  const [chosen, setChosen] = useState<{ window: OfferWindow; timeZone: string } | null>(null);
  const [windowError, setWindowError] = useState<string | null>(null);
  const [freshWindows, setFreshWindows] = useState<FreshWindows | null>(null);
  const [blocked, setBlocked] = useState<ApiError | null>(null);
  const [failure, setFailure] = useState<LiveMessage | null>(null);
  const [confirming, setConfirming] = useState(false);
  const containerRef = useRef<HTMLDivElement>(null);
  const stepHeadingRef = useRef<HTMLHeadingElement>(null);
  const stepShown = useRef(false);

  const run = useMutation({
    mutationFn: (body: { activityId?: string; answers?: Answers; windowStart?: string }) =>
      portalApi.post<ActionRunResult>(
        `/portal-api/actions/${segment(action.typeId)}/${segment(action.id)}/run`,
        body,
      ),
  });

  // A new step takes the focus to its heading, as a new page does; the first step keeps the
  // focus on the page heading.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a change of step moves the focus.
  useEffect(() => {
    if (stepShown.current) {
      stepHeadingRef.current?.focus();
    }
    stepShown.current = true;
  }, [step]);

  // Runs after the step effect, so a failed check on the way back to the form wins the focus.
  // biome-ignore lint/correctness/useExhaustiveDependencies: each failed check moves the focus once.
  useEffect(() => {
    if (focusRequest === 0) {
      return;
    }
    const codes = form ? form.fields.map((field) => field.code) : [];
    const invalid = codes.filter((code) => errors[`answers.${code}`] !== undefined);
    if (errors.windowStart !== undefined) {
      invalid.push("windowStart");
    }
    focusFirstInvalidField(containerRef.current, invalid);
  }, [focusRequest]);

  /** Checks the answers with the server's rules; returns them normalized, or null after showing the errors. */
  const checkAnswers = (): Answers | null => {
    if (!form) {
      return {};
    }
    const result = validateAnswers(form, answers);
    if (result.ok) {
      setErrors({});
      return result.answers;
    }
    setErrors(answerMessagesByPath(result.problems, form));
    setStep("form");
    setFocusRequest((count) => count + 1);
    return null;
  };

  const submit = (checked: Answers, window: { window: OfferWindow; timeZone: string } | null) => {
    setFailure(null);
    setWindowError(null);
    run.mutate(
      {
        ...(action.activityId !== null ? { activityId: action.activityId } : {}),
        ...(form ? { answers: checked } : {}),
        ...(window ? { windowStart: window.window.start } : {}),
      },
      {
        onSuccess: (result) => {
          void invalidateCustomerData(queryClient);
          onDone({
            result,
            window: window
              ? { start: window.window.start, end: window.window.end, timeZone: window.timeZone }
              : null,
          });
        },
        onError: (error) => handleRunError(error),
      },
    );
  };

  const handleRunError = (error: unknown) => {
    if (!(error instanceof ApiError)) {
      setFailure((previous) => nextMessage(previous, translatePortalError(error)));
      return;
    }
    if (BLOCKING_CODES.has(error.code)) {
      // The visit or the offered actions changed meanwhile, so the pages behind load them again.
      void invalidateCustomerData(queryClient);
      setBlocked(error);
      return;
    }
    if (error.code === "schedule_conflict") {
      const details = error.details as { freshWindows?: OfferWindow[] } | undefined;
      setChosen(null);
      setFreshWindows((previous) => ({ id: (previous?.id ?? 0) + 1, windows: details?.freshWindows ?? [] }));
      return;
    }
    if (error.code === "slot_refused") {
      // The booking policy no longer allows this window, for example because its notice has
      // passed: the offers are loaded again.
      setChosen(null);
      setFreshWindows(null);
      void queryClient.invalidateQueries({ queryKey: ["portal", "offers"] });
      setFailure((previous) => nextMessage(previous, t("booking.refused")));
      return;
    }
    if (error.code === "validation_failed") {
      const answerProblems = error.fieldErrors.filter((field) => field.path.startsWith("answers."));
      if (form && answerProblems.length > 0) {
        setErrors(answerMessagesByPath(answerProblems, form));
        setStep("form");
        setFocusRequest((count) => count + 1);
        return;
      }
      if (error.fieldErrors.some((field) => field.path === "windowStart")) {
        setWindowError(t("booking.required"));
        setErrors({ windowStart: t("booking.required") });
        setFocusRequest((count) => count + 1);
        return;
      }
    }
    setFailure((previous) => nextMessage(previous, translatePortalError(error)));
  };

  const handleFormSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (preview) {
      return;
    }
    const checked = checkAnswers();
    if (checked === null) {
      return;
    }
    if (action.scheduling) {
      setStep("schedule");
    } else if (action.effect === "cancel_activity") {
      setConfirming(true);
    } else {
      submit(checked, null);
    }
  };

  const handleBook = (event: FormEvent) => {
    event.preventDefault();
    if (preview) {
      return;
    }
    if (chosen === null) {
      setWindowError(t("booking.required"));
      setErrors({ windowStart: t("booking.required") });
      setFocusRequest((count) => count + 1);
      return;
    }
    const checked = checkAnswers();
    if (checked !== null) {
      submit(checked, chosen);
    }
  };

  if (blocked !== null) {
    return <BlockedMessage error={blocked} session={session} backPath={backPath} backLabel={backLabel} />;
  }

  const stepTitle = step === "form" ? t("action.answersStep") : t("booking.title");
  const stepNumber = step === "form" ? 1 : stepCount;

  return (
    <Stack gap="lg" ref={containerRef}>
      {preview && (
        <Alert color="yellow" variant="light" c="gray.9">
          {t("action.previewNote")}
        </Alert>
      )}
      {(stepCount > 1 || step === "schedule") && (
        <Title order={2} size="h3" ref={stepHeadingRef} tabIndex={-1} className="focus-target">
          {stepCount > 1
            ? t("action.stepTitle", { number: stepNumber, count: stepCount, title: stepTitle })
            : stepTitle}
        </Title>
      )}

      {step === "form" ? (
        <form noValidate onSubmit={handleFormSubmit}>
          <Stack gap="lg">
            {form && (
              <ActionFormFields
                form={form}
                answers={answers}
                onChange={setAnswers}
                errors={errors}
                disabled={preview || run.isPending}
                timeZone={session.company.timeZone}
              />
            )}
            {!form && action.effect === "cancel_activity" && <Text>{t("action.cancelIntro")}</Text>}
            <LiveRegion kind="error" message={failure} />
            <Group gap="sm">
              <Button
                type="submit"
                disabled={preview}
                loading={run.isPending}
                color={action.effect === "cancel_activity" ? "red.9" : undefined}
              >
                {action.scheduling ? t("action.continue") : t(`action.submit.${action.effect}`)}
              </Button>
              <Anchor component={Link} to={backPath}>
                {backLabel}
              </Anchor>
            </Group>
          </Stack>
        </form>
      ) : (
        <form noValidate onSubmit={handleBook}>
          <Stack gap="lg">
            <SchedulingStep
              action={action}
              company={session.company}
              selected={chosen?.window.start ?? null}
              onSelect={(window, timeZone) => {
                setChosen({ window, timeZone });
                setWindowError(null);
              }}
              freshWindows={freshWindows}
              onDatesChange={() => {
                setFreshWindows(null);
                setChosen(null);
              }}
              error={windowError}
              disabled={preview || run.isPending}
              bookButton={
                <Button type="submit" disabled={preview} loading={run.isPending} className="book-button">
                  {t("booking.book")}
                </Button>
              }
            />
            <LiveRegion kind="error" message={failure} />
            <Group gap="sm">
              {form ? (
                <Button variant="default" onClick={() => setStep("form")} disabled={run.isPending}>
                  {t("booking.backToAnswers")}
                </Button>
              ) : (
                <Anchor component={Link} to={backPath}>
                  {backLabel}
                </Anchor>
              )}
            </Group>
          </Stack>
        </form>
      )}

      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t("action.cancelConfirmTitle")}
        closeButtonProps={{ "aria-label": t("common:actions.close") }}
        centered
      >
        <Stack gap="md">
          <Text>{t("action.cancelConfirmText")}</Text>
          <Group gap="sm" justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)} data-autofocus>
              {t("action.keepVisit")}
            </Button>
            <Button
              color="red.9"
              loading={run.isPending}
              onClick={() => {
                setConfirming(false);
                const checked = checkAnswers();
                if (checked !== null) {
                  submit(checked, null);
                }
              }}
            >
              {t("action.confirmCancel")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

interface BlockedMessageProps {
  error: ApiError;
  session: SignedInSession;
  backPath: string;
  backLabel: string;
}

/** Explains why the action cannot go on, and offers the way back. It takes the focus. */
function BlockedMessage({ error, session, backPath, backLabel }: BlockedMessageProps) {
  const { t } = useTranslation("portal");
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    ref.current?.focus();
  }, []);

  if (error.code === "customer_not_located") {
    return (
      <Stack gap="md">
        <NotLocatedMessage error={error} company={session.company} />
        <Anchor component={Link} to={backPath}>
          {backLabel}
        </Anchor>
      </Stack>
    );
  }

  const cutoffHours = (error.details as { cutoffHours?: unknown } | undefined)?.cutoffHours;
  return (
    <Stack gap="md">
      <Alert ref={ref} tabIndex={-1} color="orange" variant="light" c="gray.9" className="focus-target">
        <Stack gap="xs">
          <Text>{translatePortalError(error)}</Text>
          {error.code === "change_too_late" && typeof cutoffHours === "number" && cutoffHours > 0 && (
            <Text>{t("action.cutoff", { count: cutoffHours })}</Text>
          )}
          {error.code === "change_too_late" && (
            <CallUs phone={session.company.contactPhone} companyName={session.company.displayName} />
          )}
        </Stack>
      </Alert>
      <Anchor component={Link} to={backPath}>
        {backLabel}
      </Anchor>
    </Stack>
  );
}
