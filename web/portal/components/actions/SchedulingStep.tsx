import { Alert, Button, Center, Group, Loader, Radio, Stack, Text, VisuallyHidden } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, segment } from "../../../shared/api";
import { formattingLocale } from "../../../shared/format";
import { addDays } from "../../../shared/zoned-time";
import { formatLocalDate, groupWindowsByDay } from "../../lib/arrival-windows";
import { portalApi } from "../../lib/portal-api";
import type { ActionOffer, OfferWindow, PortalActionView, PortalCompany } from "../../lib/types";
import { deviceTimeZone, zoneCity, zonesDiffer } from "../../lib/visit-time";
import { type LiveMessage, nextMessage } from "../LiveRegion";
import { QueryState } from "../QueryState";
import { CallUs } from "./CallUs";
import { NotLocatedMessage } from "./NotLocatedMessage";

/** Windows offered again after the chosen one was taken meanwhile. */
export interface FreshWindows {
  /** Grows with each conflict, so a repeated conflict moves the focus to the message again. */
  id: number;
  windows: OfferWindow[];
}

interface SchedulingStepProps {
  action: PortalActionView;
  company: PortalCompany;
  /** Start of the chosen window, or null. */
  selected: string | null;
  onSelect: (window: OfferWindow, timeZone: string) => void;
  /** Set after a `schedule_conflict`: these windows replace the offers until the dates change. */
  freshWindows: FreshWindows | null;
  onDatesChange: () => void;
  /** Error under the windows, such as "Choose an arrival window". */
  error: string | null;
  disabled: boolean;
  /** The button that books the chosen window, shown only when there are windows to choose. */
  bookButton: ReactNode;
}

/**
 * Renders the arrival windows of an action's scheduling step, grouped by day in the visit's zone,
 * as one group of radio buttons, with controls to see earlier and later dates. A customer whose
 * address is not located gets the company's phone number instead of windows.
 */
export function SchedulingStep({
  action,
  company,
  selected,
  onSelect,
  freshWindows,
  onDatesChange,
  error,
  disabled,
  bookButton,
}: SchedulingStepProps) {
  const { t } = useTranslation("portal");
  const [from, setFrom] = useState<string | undefined>(undefined);
  const [firstFrom, setFirstFrom] = useState<string | undefined>(undefined);
  const offers = useQuery({
    queryKey: ["portal", "offers", action.typeId, action.id, action.activityId, from],
    queryFn: ({ signal }) => portalApi.get<ActionOffer>(offersPath(action, from), signal),
    // Windows change as others book, so they are loaded again each time the step opens.
    staleTime: 0,
    gcTime: 0,
    // A reload while the customer chooses would reorder the list under their pointer.
    refetchOnWindowFocus: false,
  });
  const offer = offers.data;
  const [status, setStatus] = useState<LiveMessage | null>(null);
  const locale = formattingLocale();

  useEffect(() => {
    if (offer === undefined) {
      return;
    }
    setFirstFrom((previous) => previous ?? offer.from);
    const range = { from: formatLocalDate(offer.from, locale), to: formatLocalDate(offer.to, locale) };
    const text =
      offer.windows.length === 0
        ? t("booking.loadedNone", range)
        : t("booking.loaded", { count: offer.windows.length, ...range });
    setStatus((previous) => nextMessage(previous, text));
  }, [offer, locale, t]);

  const changeDates = (next: string) => {
    onDatesChange();
    setFrom(next);
  };

  if (offers.error instanceof ApiError && offers.error.code === "customer_not_located") {
    return <NotLocatedMessage error={offers.error} company={company} />;
  }
  if (offer === undefined) {
    return offers.error ? (
      <QueryState error={offers.error} onRetry={() => void offers.refetch()} />
    ) : (
      <Center py="xl">
        <Loader aria-label={t("booking.loading")} role="status" />
      </Center>
    );
  }

  const windows = freshWindows?.windows ?? offer.windows;
  const showZone = zonesDiffer(new Date(windows[0]?.start ?? Date.now()), offer.timeZone, deviceTimeZone());

  return (
    <Stack gap="md">
      {/* The range is on screen below, so the count of windows is for screen readers only. */}
      <VisuallyHidden role="status">
        <span key={status?.id}>{status?.text}</span>
      </VisuallyHidden>
      {freshWindows !== null && <ConflictMessage freshWindows={freshWindows} />}
      {freshWindows === null && (
        <Text>
          {t("booking.range", {
            from: formatLocalDate(offer.from, locale, true),
            to: formatLocalDate(offer.to, locale, true),
          })}
        </Text>
      )}
      {showZone && <Text size="sm">{t("booking.zoneNote", { city: zoneCity(offer.timeZone) })}</Text>}

      {windows.length === 0 ? (
        <Stack gap="xs">
          <Text fw={600}>{t("booking.none")}</Text>
          <CallUs phone={company.contactPhone} companyName={company.displayName} />
        </Stack>
      ) : (
        <>
          <WindowChoices
            windows={windows}
            timeZone={offer.timeZone}
            selected={selected}
            onSelect={(window) => onSelect(window, offer.timeZone)}
            error={error}
            disabled={disabled}
          />
          {bookButton}
        </>
      )}

      <Group gap="sm">
        {firstFrom !== undefined && offer.from > firstFrom && (
          <Button variant="default" onClick={() => changeDates(maxDate(firstFrom, addDays(offer.from, -14)))}>
            {t("booking.earlier")}
          </Button>
        )}
        <Button variant="default" onClick={() => changeDates(addDays(offer.to, 1))}>
          {t("booking.later")}
        </Button>
      </Group>
    </Stack>
  );
}

function offersPath(action: PortalActionView, from: string | undefined): string {
  const query = new URLSearchParams();
  if (action.activityId !== null) {
    query.set("activityId", action.activityId);
  }
  if (from !== undefined) {
    query.set("from", from);
  }
  const search = query.toString();
  const path = `/portal-api/actions/${segment(action.typeId)}/${segment(action.id)}/offers`;
  return search === "" ? path : `${path}?${search}`;
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}

/** Renders the message after a conflict. It takes the focus, so the customer hears it first. */
function ConflictMessage({ freshWindows }: { freshWindows: FreshWindows }) {
  const { t } = useTranslation("portal");
  const ref = useRef<HTMLDivElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: each new conflict moves the focus again.
  useEffect(() => {
    ref.current?.focus();
  }, [freshWindows.id]);

  return (
    <Alert ref={ref} tabIndex={-1} color="orange" variant="light" c="gray.9" className="focus-target">
      {freshWindows.windows.length > 0 ? t("booking.taken") : t("booking.takenNoFresh")}
    </Alert>
  );
}

interface WindowChoicesProps {
  windows: OfferWindow[];
  timeZone: string;
  selected: string | null;
  onSelect: (window: OfferWindow) => void;
  error: string | null;
  disabled: boolean;
}

/**
 * Renders the windows as one radio group, a fieldset per day, so the arrow keys move through
 * every window and a screen reader names the day of each.
 */
function WindowChoices({ windows, timeZone, selected, onSelect, error, disabled }: WindowChoicesProps) {
  const { t } = useTranslation("portal");
  const name = useId();
  const errorId = useId();
  const days = groupWindowsByDay(windows, timeZone, formattingLocale());

  return (
    <fieldset
      className="choice-fieldset"
      data-field-code="windowStart"
      aria-describedby={error ? errorId : undefined}
    >
      <legend className="choice-legend">{t("booking.legend")}</legend>
      <Stack gap="md">
        {days.map((day) => (
          <fieldset key={day.label} className="day-fieldset">
            <legend className="day-legend">{day.label}</legend>
            <Stack gap="xs">
              {day.windows.map(({ window, time }) => (
                <Radio
                  key={window.start}
                  name={name}
                  value={window.start}
                  label={
                    window.workerName
                      ? t("booking.windowWithWorker", { time, worker: window.workerName })
                      : time
                  }
                  checked={selected === window.start}
                  onChange={() => onSelect(window)}
                  disabled={disabled}
                  classNames={{ root: "window-radio" }}
                />
              ))}
            </Stack>
          </fieldset>
        ))}
      </Stack>
      {error && (
        <Text id={errorId} size="sm" c="var(--mantine-color-error)" mt="xs">
          {error}
        </Text>
      )}
    </fieldset>
  );
}
