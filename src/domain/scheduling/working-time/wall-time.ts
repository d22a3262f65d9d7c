import { IANAZone } from "luxon";
import { DAY_MS, MINUTE_MS } from "./calendar.js";

/**
 * Conversion of local wall times to instants in an IANA zone, with explicit rules for the
 * daylight-saving gap and overlap. Luxon's own conversion moves a time in the gap forward by the
 * length of the gap (02:30 becomes 03:30 in Europe/Paris), which is not what working hours need.
 */

/** Side of a range that a wall time marks. The side decides the instant chosen in a fall-back overlap. */
export type RangeSide = "start" | "end";

/** Offsets already computed, per zone and instant: luxon asks Intl for each one, which is slow. */
const offsetCache = new Map<string, Map<number, number>>();
const OFFSET_CACHE_LIMIT = 200_000;

/**
 * Returns the zone's UTC offset in minutes at an instant, remembering it. The searches ask for
 * the same midnights and wall times once per worker, so most calls hit the cache.
 */
export function offsetAt(zone: IANAZone, instant: number): number {
  let offsets = offsetCache.get(zone.name);
  if (!offsets) {
    offsets = new Map();
    offsetCache.set(zone.name, offsets);
  }
  const cached = offsets.get(instant);
  if (cached !== undefined) return cached;
  if (offsets.size >= OFFSET_CACHE_LIMIT) offsets.clear();
  const offset = zone.offset(instant);
  offsets.set(instant, offset);
  return offset;
}

/** Returns the luxon zone for an IANA name, or undefined when the name is unknown. */
export function loadZone(name: string): IANAZone | undefined {
  const zone = IANAZone.create(name);
  return zone.isValid ? zone : undefined;
}

/**
 * Converts a local wall time to epoch milliseconds.
 *
 * `wallMs` is the wall time written as if it were UTC: day number × 86 400 000 plus the time of day.
 * - A wall time that occurs once maps to its instant.
 * - A wall time that occurs twice (fall-back overlap) maps to the earlier instant for a start and to
 *   the later one for an end, so a range touching the repeated hour keeps all of it.
 * - A wall time that does not exist (spring-forward gap) maps to the first instant after the gap,
 *   for a start and for an end alike: 02:30 on 2026-03-29 in Europe/Paris becomes 03:00 (01:00Z).
 */
export function wallTimeToInstant(zone: IANAZone, wallMs: number, side: RangeSide): number {
  // Offsets one day before and after, which differ only near a transition.
  const candidateOffsets = new Set([offsetAt(zone, wallMs - DAY_MS), offsetAt(zone, wallMs + DAY_MS)]);
  const instants: number[] = [];
  for (const offset of candidateOffsets) {
    const instant = wallMs - offset * MINUTE_MS;
    if (offsetAt(zone, instant) === offset) instants.push(instant);
  }
  instants.sort((a, b) => a - b);

  const earliest = instants[0];
  const latest = instants[instants.length - 1];
  if (earliest !== undefined && latest !== undefined) return side === "start" ? earliest : latest;
  return firstInstantAtOrAfter(zone, wallMs);
}

/**
 * Returns the first instant whose wall time is `wallMs` or later, found by bisection.
 * Used for the gap, where it returns the transition instant.
 */
function firstInstantAtOrAfter(zone: IANAZone, wallMs: number): number {
  const wallTimeAt = (instant: number) => instant + offsetAt(zone, instant) * MINUTE_MS;

  // Every zone offset lies within ±1 day, so the wall time at `low` is before `wallMs`
  // and the wall time at `high` is not.
  let low = wallMs - 2 * DAY_MS;
  let high = wallMs + 2 * DAY_MS;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (wallTimeAt(middle) >= wallMs) high = middle;
    else low = middle;
  }
  return high;
}

/** Returns the instant at which a local day begins, by the same rules as the start of a range. */
export function startOfLocalDay(zone: IANAZone, dayNumber: number): number {
  return wallTimeToInstant(zone, dayNumber * DAY_MS, "start");
}
