import { MINUTE_MS, parseOrThrow, zoneOrThrow } from "./prepare.js";
import { compareSlots } from "./search.js";
import type { Slot } from "./types.js";

/** An arrival window offered to a customer, with the exact slot that booking it would take. */
export interface ArrivalWindow {
  /** Window [start, end) shown to the customer, ISO 8601 instants. */
  start: string;
  end: string;
  /** The best feasible exact slot inside the window. */
  best: Slot;
  /** Every feasible exact slot whose start lies inside the window, best first. */
  slots: Slot[];
}

/**
 * Groups feasible slots into arrival windows of `windowMinutes`, counted from each local midnight
 * of the unit's zone (so 08:00-10:00, 10:00-12:00 with two-hour windows). A window is offered when
 * at least one feasible exact start lies inside it. Returns the `choices` windows whose best slot
 * ranks highest, in time order.
 */
export function arrivalWindows(
  slots: readonly Slot[],
  zoneName: string,
  windowMinutes: number,
  choices: number,
): ArrivalWindow[] {
  const zone = zoneOrThrow(zoneName);
  const windowMs = windowMinutes * MINUTE_MS;
  const byWindow = new Map<number, Slot[]>();
  for (const slot of slots) {
    const start = parseOrThrow(slot.start, "slot start");
    // Local wall time as if it were UTC, to find the window on the local clock.
    const wall = start + zone.offset(start) * MINUTE_MS;
    const windowWallStart = Math.floor(wall / windowMs) * windowMs;
    const windowStart = start - (wall - windowWallStart);
    const list = byWindow.get(windowStart);
    if (list) list.push(slot);
    else byWindow.set(windowStart, [slot]);
  }
  const windows: ArrivalWindow[] = [...byWindow.entries()].map(([start, list]) => {
    const sorted = [...list].sort(compareSlots);
    return {
      start: new Date(start).toISOString(),
      end: new Date(start + windowMs).toISOString(),
      best: sorted[0] as Slot,
      slots: sorted,
    };
  });
  return windows
    .sort((a, b) => compareSlots(a.best, b.best))
    .slice(0, choices)
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}
