import type { Span } from "../working-time/spans.js";
import {
  dayOffReason,
  localDayNumber,
  MINUTE_MS,
  missingSkills,
  type PreparedDay,
  parseOrThrow,
  prepareDays,
  SharedDays,
  type Stop,
  stopsOf,
  travelSide,
  zoneOrThrow,
} from "./prepare.js";
import type { SchedulingSettings } from "./settings.js";
import type {
  CandidateWorker,
  PlaceKey,
  Reason,
  Slot,
  SlotSearchInput,
  SlotSearchResult,
  TravelLookup,
  TravelSide,
  Unsuitable,
} from "./types.js";

const DAY_MS = 86_400_000;

/** ISO strings of instants already formatted: workers share the same grid of candidate starts. */
const isoCache = new Map<number, string>();

function iso(instant: number): string {
  let text = isoCache.get(instant);
  if (text === undefined) {
    if (isoCache.size >= 100_000) isoCache.clear();
    text = new Date(instant).toISOString();
    isoCache.set(instant, text);
  }
  return text;
}

/**
 * Score of a feasible slot, from 0 to 100 (higher is better):
 *
 *   100 − travelMinuteWeight × added travel minutes
 *       − delayDayWeight × days from the start of the search to the slot
 *       − workloadWeight × share of the worker's working time that day already booked (0 to 1)
 *
 * rounded to a whole number and kept within 0..100. Added travel is what the visit adds to the
 * route: travel from the previous stop + travel to the next − the direct trip between them. The
 * weights are business-unit settings (`SchedulingSettings.score`); with the defaults, each added
 * minute of driving costs one point, each day of waiting one point, and a full day ten.
 */
export function scoreSlot(
  settings: SchedulingSettings["score"],
  addedMinutes: number,
  daysFromStart: number,
  bookedShare: number,
): number {
  const raw =
    100 -
    settings.travelMinuteWeight * addedMinutes -
    settings.delayDayWeight * daysFromStart -
    settings.workloadWeight * bookedShare;
  return Math.min(100, Math.max(0, Math.round(raw)));
}

/**
 * Grade of a feasible slot: green from `greenFrom` points (default 70: a slot adding up to half
 * an hour of driving today, or less on later days), orange below. Red is for what is not
 * feasible; it never comes from the score.
 */
export function gradeOf(settings: SchedulingSettings["score"], score: number): "green" | "orange" {
  return score >= settings.greenFrom ? "green" : "orange";
}

/** Stop before or after a gap: a booked visit, or the base at the start or end of the hours. */
interface GapEnd {
  activityId: string | null;
  place: PlaceKey;
  /** For the stop before: when the worker is free to leave. For the stop after: when they must arrive. */
  at: number;
}

interface SearchContext {
  input: SlotSearchInput;
  from: number;
  to: number;
  now: number;
  earliest: number;
  step: number;
  duration: number;
}

/**
 * Finds every feasible slot for the visit, ranked best first, and for staff the reason each
 * worker-day without a slot has. The rules:
 * - a worker leaves base no earlier than the start of their hours and is back by the end;
 * - travel from the previous stop and to the next must fit around the visit;
 * - the visit lies entirely inside working time (not across lunch, leave or a day off);
 * - intervals are half-open, so a visit may end exactly when the next begins;
 * - candidate starts are the unit's local midnight + k × step, so a day of 23 or 25 hours has one
 *   step fewer or more, and every start lies in [from, to) and after now + the minimum notice.
 * Pure and synchronous: the caller loads the data and the travel matrix first.
 */
export function findSlots(input: SlotSearchInput): SlotSearchResult {
  const zone = zoneOrThrow(input.zone);
  const from = parseOrThrow(input.from, "from");
  const to = parseOrThrow(input.to, "to");
  const now = parseOrThrow(input.now, "now");
  if (to <= from) throw new RangeError("The end of the search must be after its start.");
  if (!Number.isInteger(input.durationMinutes) || input.durationMinutes <= 0) {
    throw new RangeError(`Invalid duration ${input.durationMinutes}: expected a positive number of minutes.`);
  }
  const context: SearchContext = {
    input,
    from,
    to,
    now,
    earliest: Math.max(now, now + input.minimumNoticeMinutes * MINUTE_MS),
    step: input.settings.stepMinutes * MINUTE_MS,
    duration: input.durationMinutes * MINUTE_MS,
  };
  const firstDay = localDayNumber(zone, from);
  const lastDay = localDayNumber(zone, to - 1);

  const slots: Slot[] = [];
  const unsuitable: Unsuitable[] = [];
  const shared = new SharedDays();
  for (const worker of input.workers) {
    const lacking = missingSkills(worker, input.requiredSkills);
    if (lacking.length > 0) {
      unsuitable.push({ workerId: worker.id, date: null, grade: "red", reasons: lacking });
      continue;
    }
    const days = prepareDays(zone, worker, stopsOf(worker), firstDay, lastDay, shared);
    for (const day of days) {
      const found = searchDay(context, worker, day);
      if (found.length > 0) slots.push(...found);
      else if (day.midnight < to && day.nextMidnight > from) {
        unsuitable.push({
          workerId: worker.id,
          date: day.date,
          grade: "red",
          reasons: [whyNoSlot(context, worker, day)],
        });
      }
    }
  }
  slots.sort(compareSlots);
  return { slots, unsuitable };
}

/** Best score first, then the earlier start, then the worker id so that the order is stable. */
export function compareSlots(a: Slot, b: Slot): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.start !== b.start) return a.start < b.start ? -1 : 1;
  return a.workerId < b.workerId ? -1 : a.workerId > b.workerId ? 1 : 0;
}

/** The gaps of a day between consecutive stops, the base standing at both ends of the hours. */
export function gapsOf(worker: CandidateWorker, day: PreparedDay): { before: GapEnd; after: GapEnd }[] {
  const first = day.working[0];
  const last = day.working[day.working.length - 1];
  if (!first || !last) return [];
  const ends: GapEnd[] = [{ activityId: null, place: worker.base, at: first.start }];
  const gaps: { before: GapEnd; after: GapEnd }[] = [];
  let previous = ends[0] as GapEnd;
  for (const stop of day.stops) {
    gaps.push({ before: previous, after: { activityId: stop.id, place: stop.place, at: stop.start } });
    previous = { activityId: stop.id, place: stop.place, at: stop.end };
  }
  gaps.push({ before: previous, after: { activityId: null, place: worker.base, at: last.end } });
  return gaps;
}

/** First candidate start at or after `instant`: the day's midnight + k × step. */
function firstAligned(day: PreparedDay, step: number, instant: number): number {
  if (instant <= day.midnight) return day.midnight;
  return day.midnight + Math.ceil((instant - day.midnight) / step) * step;
}

/** Whether [start, end) lies inside one working span. `spans` are sorted and merged. */
function insideWorking(spans: readonly Span[], start: number, end: number): boolean {
  for (const span of spans) {
    if (span.start > start) return false;
    if (start < span.end) return end <= span.end;
  }
  return false;
}

function bookedShare(day: PreparedDay): number {
  let working = 0;
  for (const span of day.working) working += span.end - span.start;
  if (working === 0) return 1;
  let booked = 0;
  for (const stop of day.stops) {
    for (const span of day.working) {
      booked += Math.max(0, Math.min(stop.end, span.end) - Math.max(stop.start, span.start));
    }
  }
  return Math.min(1, booked / working);
}

function addedTravel(
  travel: TravelLookup,
  before: TravelSide,
  after: TravelSide,
  gap: { before: GapEnd; after: GapEnd },
) {
  const direct = travelSide(travel, gap.before.place, gap.after.place, null);
  return {
    minutes: Math.max(0, before.minutes + after.minutes - direct.minutes),
    km: Math.max(0, Math.round((before.km + after.km - direct.km) * 10) / 10),
  };
}

function searchDay(context: SearchContext, worker: CandidateWorker, day: PreparedDay): Slot[] {
  const { input, step, duration } = context;
  const lowest = Math.max(context.from, context.earliest, day.midnight);
  const highest = Math.min(context.to, day.nextMidnight);
  if (lowest >= highest) return [];
  const share = bookedShare(day);
  const slots: Slot[] = [];
  for (const gap of gapsOf(worker, day)) {
    const before = travelSide(input.travel, gap.before.place, input.place, gap.before.activityId);
    const after = travelSide(input.travel, input.place, gap.after.place, gap.after.activityId);
    const latest = gap.after.at - after.minutes * MINUTE_MS - duration;
    let start = firstAligned(day, step, Math.max(lowest, gap.before.at + before.minutes * MINUTE_MS));
    if (start > latest) continue;
    const added = addedTravel(input.travel, before, after, gap);
    for (; start <= latest && start < highest; start += step) {
      if (!insideWorking(day.working, start, start + duration)) continue;
      const score = scoreSlot(input.settings.score, added.minutes, (start - context.from) / DAY_MS, share);
      slots.push({
        workerId: worker.id,
        date: day.date,
        start: iso(start),
        end: iso(start + duration),
        travelBefore: before,
        travelAfter: after,
        addedMinutes: added.minutes,
        addedKm: added.km,
        score,
        grade: gradeOf(input.settings.score, score),
      });
    }
  }
  return slots;
}

/** The candidate starts of a gap that fit in working time between `low` and `high`, ignoring travel. */
function startsIgnoringTravel(context: SearchContext, day: PreparedDay, low: number, high: number): number[] {
  const starts: number[] = [];
  for (let start = firstAligned(day, context.step, low); start <= high; start += context.step) {
    if (insideWorking(day.working, start, start + context.duration)) starts.push(start);
  }
  return starts;
}

/**
 * Why a day that lies in the search has no slot: no working time (and why), everything left is
 * too soon, travel does not fit in the gaps long enough for the visit, or no gap is long enough.
 */
function whyNoSlot(context: SearchContext, worker: CandidateWorker, day: PreparedDay): Reason {
  if (day.working.length === 0) return dayOffReason(day.availability);
  const { input } = context;
  const inRange = { low: Math.max(context.from, day.midnight), high: Math.min(context.to, day.nextMidnight) };
  let tooSoon = false;
  let onlyPast = true;
  let travelReason: Reason | undefined;
  for (const gap of gapsOf(worker, day)) {
    const rawHigh = Math.min(gap.after.at - context.duration, inRange.high - 1);
    const raw = startsIgnoringTravel(context, day, Math.max(inRange.low, gap.before.at), rawHigh);
    if (raw.length === 0) continue;
    const notTooSoon = raw.filter((start) => start >= context.earliest);
    if (notTooSoon.length === 0) {
      tooSoon = true;
      if (raw.some((start) => start >= context.now)) onlyPast = false;
      continue;
    }
    if (travelReason) continue;
    const before = travelSide(input.travel, gap.before.place, input.place, gap.before.activityId);
    const after = travelSide(input.travel, input.place, gap.after.place, gap.after.activityId);
    const lastStart = notTooSoon[notTooSoon.length - 1] as number;
    const freeBefore = Math.floor((lastStart - gap.before.at) / MINUTE_MS);
    if (before.minutes > freeBefore) {
      travelReason = {
        code: "travel_from_previous",
        activityId: gap.before.activityId,
        neededMinutes: before.minutes,
        availableMinutes: Math.max(0, freeBefore),
      };
      continue;
    }
    const firstReachable = notTooSoon.find(
      (start) => start >= gap.before.at + before.minutes * MINUTE_MS,
    ) as number;
    travelReason = {
      code: "travel_to_next",
      activityId: gap.after.activityId,
      neededMinutes: after.minutes,
      availableMinutes: Math.max(
        0,
        Math.floor((gap.after.at - firstReachable - context.duration) / MINUTE_MS),
      ),
    };
  }
  if (travelReason) return travelReason;
  if (tooSoon) return onlyPast ? { code: "in_past" } : insideNotice(context.earliest);
  return { code: "fully_booked" };
}

function insideNotice(earliest: number): Reason {
  return { code: "inside_notice", earliestStart: new Date(earliest).toISOString() };
}

export type { Stop };
