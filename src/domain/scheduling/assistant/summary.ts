import type { Grade, Slot, SlotSearchResult, Unsuitable } from "./types.js";

export interface DaySummary {
  date: string;
  /** The best slots of the day, best first. */
  slots: Slot[];
  /** Workers without a slot that day, with their reasons. */
  unsuitable: Unsuitable[];
}

export interface WorkerSummary {
  workerId: string;
  /** The worker's best slot, or null when they have none. */
  best: Slot | null;
  greenSlots: number;
  feasibleSlots: number;
  /** Grade of the best slot; red when the worker has no slot at all. */
  grade: Grade;
  /** Reasons for the whole search (missing skills) or for the days without a slot. */
  unsuitable: Unsuitable[];
}

/** The best slots of each searched day, for the days × slots table. Dates come in order. */
export function bestByDay(result: SlotSearchResult, dates: readonly string[], perDay: number): DaySummary[] {
  const byDate = new Map<string, DaySummary>(
    dates.map((date) => [date, { date, slots: [], unsuitable: [] }]),
  );
  for (const slot of result.slots) {
    const day = byDate.get(slot.date);
    if (day && day.slots.length < perDay) day.slots.push(slot);
  }
  for (const entry of result.unsuitable) {
    if (entry.date === null) continue;
    byDate.get(entry.date)?.unsuitable.push(entry);
  }
  return [...byDate.values()];
}

/**
 * Every worker ranked by their best slot (best first); those without a slot come last. The
 * "top 3 field workers" view shows the first three.
 */
export function rankWorkers(result: SlotSearchResult, workerIds: readonly string[]): WorkerSummary[] {
  const summaries = new Map<string, WorkerSummary>(
    workerIds.map((workerId) => [
      workerId,
      { workerId, best: null, greenSlots: 0, feasibleSlots: 0, grade: "red", unsuitable: [] },
    ]),
  );
  for (const slot of result.slots) {
    const summary = summaries.get(slot.workerId);
    if (!summary) continue;
    summary.feasibleSlots++;
    if (slot.grade === "green") summary.greenSlots++;
    if (!summary.best) {
      summary.best = slot;
      summary.grade = slot.grade;
    }
  }
  for (const entry of result.unsuitable) summaries.get(entry.workerId)?.unsuitable.push(entry);
  return [...summaries.values()].sort((a, b) => {
    if (a.best && b.best) {
      if (a.best.score !== b.best.score) return b.best.score - a.best.score;
      if (a.greenSlots !== b.greenSlots) return b.greenSlots - a.greenSlots;
      return a.best.start < b.best.start ? -1 : a.best.start > b.best.start ? 1 : 0;
    }
    if (a.best) return -1;
    if (b.best) return 1;
    return 0;
  });
}
