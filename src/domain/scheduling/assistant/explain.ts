import { explainOutsideWorkingTime } from "../working-time/index.js";
import {
  localDayNumber,
  MINUTE_MS,
  missingSkills,
  parseOrThrow,
  prepareDays,
  stopsOf,
  travelSide,
  zoneOrThrow,
} from "./prepare.js";
import type { CandidateWorker, PlaceKey, Reason, RequiredSkill, TravelLookup, TravelSide } from "./types.js";

export interface PlacementInput {
  zone: string;
  durationMinutes: number;
  place: PlaceKey;
  requiredSkills: readonly RequiredSkill[];
  now: string;
  minimumNoticeMinutes: number;
  worker: CandidateWorker;
  travel: TravelLookup;
  /** ISO 8601 instant with an offset. */
  start: string;
}

export interface PlacementExplanation {
  start: string;
  end: string;
  /** Empty when the worker can take the visit at this time. */
  reasons: Reason[];
  travelBefore: TravelSide | null;
  travelAfter: TravelSide | null;
}

/**
 * Explains whether one worker can take the visit at one start, with every reason they cannot:
 * skills, past or inside the notice, outside working time (and which part of it), an overlap
 * with another open visit, and travel from the previous stop or to the next that does not fit.
 * The same rules as `findSlots`, except that the start need not be on the step.
 */
export function explainPlacement(input: PlacementInput): PlacementExplanation {
  const zone = zoneOrThrow(input.zone);
  const start = parseOrThrow(input.start, "start");
  const end = start + input.durationMinutes * MINUTE_MS;
  const now = parseOrThrow(input.now, "now");
  const reasons: Reason[] = missingSkills(input.worker, input.requiredSkills);

  const earliest = now + input.minimumNoticeMinutes * MINUTE_MS;
  if (start < now) reasons.push({ code: "in_past" });
  else if (start < earliest)
    reasons.push({ code: "inside_notice", earliestStart: new Date(earliest).toISOString() });

  const stops = stopsOf(input.worker);
  const firstDay = localDayNumber(zone, start);
  const days = prepareDays(zone, input.worker, stops, firstDay, localDayNumber(zone, end - 1));
  const blocked = explainOutsideWorkingTime(
    days.map((day) => day.availability),
    new Date(start),
    new Date(end),
  );
  if (blocked) {
    if (blocked.reason === "unavailable") {
      reasons.push(
        blocked.unavailabilityReason
          ? { code: "unavailable", unavailabilityReason: blocked.unavailabilityReason }
          : { code: "unavailable" },
      );
    } else if (blocked.reason === "public_holiday" || blocked.reason === "day_off") {
      reasons.push(blocked.label ? { code: blocked.reason, label: blocked.label } : { code: blocked.reason });
    } else {
      reasons.push({ code: blocked.reason });
    }
  }

  const overlaps = stops.filter((stop) => stop.start < end && stop.end > start);
  for (const stop of overlaps) {
    reasons.push({
      code: "overlap",
      activityId: stop.id,
      reference: stop.inThisUnit ? stop.reference : "",
      start: new Date(stop.start).toISOString(),
      end: new Date(stop.end).toISOString(),
    });
  }

  const explanation = {
    start: new Date(start).toISOString(),
    end: new Date(end).toISOString(),
    reasons,
    travelBefore: null as TravelSide | null,
    travelAfter: null as TravelSide | null,
  };
  const day = days[0];
  const first = day?.working[0];
  const last = day?.working[day.working.length - 1];
  if (!day || overlaps.length > 0) return explanation;

  // Travel from the previous stop of the day (or the base from the start of the hours) and to the
  // next (or back to the base by the end of the hours).
  const previous = day.stops.filter((stop) => stop.end <= start).at(-1);
  const next = day.stops.find((stop) => stop.start >= end);
  const freeFrom = previous ? previous.end : first?.start;
  const mustArriveBy = next ? next.start : last?.end;
  const before = travelSide(
    input.travel,
    previous ? previous.place : input.worker.base,
    input.place,
    previous?.id ?? null,
  );
  const after = travelSide(
    input.travel,
    input.place,
    next ? next.place : input.worker.base,
    next?.id ?? null,
  );
  explanation.travelBefore = before;
  explanation.travelAfter = after;
  if (freeFrom !== undefined && start >= freeFrom) {
    const available = Math.floor((start - freeFrom) / MINUTE_MS);
    if (before.minutes > available) {
      reasons.push({
        code: "travel_from_previous",
        activityId: before.activityId,
        neededMinutes: before.minutes,
        availableMinutes: available,
      });
    }
  }
  if (mustArriveBy !== undefined && end <= mustArriveBy) {
    const available = Math.floor((mustArriveBy - end) / MINUTE_MS);
    if (after.minutes > available) {
      reasons.push({
        code: "travel_to_next",
        activityId: after.activityId,
        neededMinutes: after.minutes,
        availableMinutes: available,
      });
    }
  }
  return explanation;
}
