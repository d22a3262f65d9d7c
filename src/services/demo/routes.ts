import { estimateTravel, greatCircleKm, type Point } from "../../domain/scheduling/travel.js";
import type { DayAvailability } from "../../domain/scheduling/working-time/index.js";
import type { VisitKind } from "./catalog.js";
import type { Random } from "./random.js";

/** The route planner's view of a field worker. */
export interface RouteWorker {
  userId: string;
  base: Point;
  /** Skill levels by skill name. */
  skills: ReadonlyMap<string, number>;
  /** Working time of each local date of the demo period, from `dayAvailability`. */
  days: readonly DayAvailability[];
}

export interface RouteKind {
  kind: VisitKind;
  durationMinutes: number;
  requiredSkill?: { name: string; minimumLevel: number };
  /** Relative frequency among the kinds the worker may do. */
  weight: number;
}

export interface PlannedVisit {
  workerId: string;
  customerIndex: number;
  kind: VisitKind;
  start: Date;
  end: Date;
}

export interface RoutePlanOptions {
  /** Customers whose coordinates are known, by their index in the customer list. */
  customers: readonly { index: number; point: Point }[];
  workers: readonly RouteWorker[];
  kinds: readonly RouteKind[];
  /** How many of the free customers nearest to a worker's base a day's route draws from. */
  areaSize: number;
  minVisitsPerDay: number;
  maxVisitsPerDay: number;
  /** How many visits one customer may get in the period, never two on the same day. */
  maxVisitsPerCustomer: number;
}

const MINUTE_MS = 60_000;
/**
 * Visits start on a 5-minute grid of instants, as planners book them. The grid falls on local
 * wall times because Europe/Paris offsets are whole hours.
 */
const GRID_MS = 5 * MINUTE_MS;
/** Added to the distance of a customer already visited, so that new customers come first. */
const REVISIT_PENALTY_KM = 8;
/** Idle minutes sometimes left before a visit, so routes are not packed to the minute. */
const SLACK_MINUTES = [0, 0, 0, 5, 10, 15, 20];
/** How many more customers are tried when the nearest one does not fit, before the route stops. */
const MAX_FIT_ATTEMPTS = 4;

/**
 * Plans a route per worker and working day, greedily: the first visit goes to a random customer of
 * the worker's area, each next one to the nearest customer left (nearest neighbour). A visit
 * starts after the travel from the previous stop, or from the base at the start of working
 * hours. It lies entirely inside one working interval, never across lunch or leave, and leaves
 * time to drive back to the base before the end of the day. Travel uses `estimateTravel`, the same
 * estimate as the schedule check, so the planned visits raise no travel warning.
 */
export function planRoutes(random: Random, options: RoutePlanOptions): PlannedVisit[] {
  const areas = new Map(options.workers.map((worker) => [worker.userId, areaOf(worker, options)]));
  const visitCounts = new Map<number, number>();
  const dates = [...new Set(options.workers.flatMap((worker) => worker.days.map((day) => day.date)))].sort();
  const visits: PlannedVisit[] = [];

  for (const date of dates) {
    const visitedToday = new Set<number>();
    for (const worker of random.shuffle(options.workers)) {
      const day = worker.days.find((candidate) => candidate.date === date);
      if (!day || day.working.length === 0) continue;
      const isAvailable = (index: number) =>
        !visitedToday.has(index) && (visitCounts.get(index) ?? 0) < options.maxVisitsPerCustomer;
      const route = planDay(
        random,
        worker,
        day,
        areas.get(worker.userId)!,
        options,
        isAvailable,
        visitCounts,
      );
      for (const visit of route) {
        visitedToday.add(visit.customerIndex);
        visitCounts.set(visit.customerIndex, (visitCounts.get(visit.customerIndex) ?? 0) + 1);
      }
      visits.push(...route);
    }
  }
  return visits;
}

function planDay(
  random: Random,
  worker: RouteWorker,
  day: DayAvailability,
  area: readonly { index: number; point: Point }[],
  options: RoutePlanOptions,
  isAvailable: (index: number) => boolean,
  visitCounts: ReadonlyMap<number, number>,
): PlannedVisit[] {
  const intervals = day.working.map((interval) => ({
    start: Date.parse(interval.start),
    end: Date.parse(interval.end),
  }));
  const dayEnd = intervals.at(-1)!.end;
  const target = random.int(options.minVisitsPerDay, options.maxVisitsPerDay);
  const kinds = options.kinds.filter((kind) => mayDo(worker, kind));
  const route: PlannedVisit[] = [];
  const used = new Set<number>();
  let position = worker.base;
  let free = intervals[0]!.start;
  // Already visited customers count as farther away, so that new customers come first.
  const score = (customer: { index: number; point: Point }) =>
    greatCircleKm(position, customer.point) +
    ((visitCounts.get(customer.index) ?? 0) > 0 ? REVISIT_PENALTY_KM : 0);

  while (route.length < target) {
    // The nearest customers still free: the area grows outwards as its centre gets visited.
    const candidates = area
      .filter((customer) => !used.has(customer.index) && isAvailable(customer.index))
      .slice(0, options.areaSize);
    if (candidates.length === 0) break;
    const ordered =
      route.length === 0 ? random.shuffle(candidates) : [...candidates].sort((a, b) => score(a) - score(b));
    // A long installation fits only as the first job of the day.
    const allowed = kinds.filter((kind) => kind.kind !== "installation" || route.length === 0);
    const chosen = allowed[random.weightedIndex(allowed.map((entry) => entry.weight))];
    if (!chosen) break;
    // When the drawn kind fits nowhere, shorter kinds are tried before the route ends.
    const kindsToTry = [
      chosen,
      ...allowed.filter((kind) => kind !== chosen).sort((a, b) => a.durationMinutes - b.durationMinutes),
    ];

    let placed: PlannedVisit | undefined;
    for (const kind of kindsToTry) {
      for (const customer of ordered.slice(0, MAX_FIT_ATTEMPTS + 1)) {
        const travelThere = estimateTravel(position, customer.point).minutes * MINUTE_MS;
        const travelBack = estimateTravel(customer.point, worker.base).minutes * MINUTE_MS;
        const earliest = free + travelThere + random.pick(SLACK_MINUTES) * MINUTE_MS;
        const start = fitInWorkingTime(intervals, earliest, kind.durationMinutes * MINUTE_MS);
        if (start === undefined) continue;
        const end = start + kind.durationMinutes * MINUTE_MS;
        if (end + travelBack > dayEnd) continue;
        placed = {
          workerId: worker.userId,
          customerIndex: customer.index,
          kind: kind.kind,
          start: new Date(start),
          end: new Date(end),
        };
        break;
      }
      if (placed) break;
    }
    if (!placed) break;
    position = ordered.find((customer) => customer.index === placed.customerIndex)!.point;
    free = placed.end.getTime();
    used.add(placed.customerIndex);
    route.push(placed);
  }
  return route;
}

function mayDo(worker: RouteWorker, kind: RouteKind): boolean {
  if (!kind.requiredSkill) return true;
  return (worker.skills.get(kind.requiredSkill.name) ?? 0) >= kind.requiredSkill.minimumLevel;
}

/** Returns every customer, nearest to the worker's base first. */
function areaOf(worker: RouteWorker, options: RoutePlanOptions): { index: number; point: Point }[] {
  return [...options.customers].sort(
    (a, b) => greatCircleKm(worker.base, a.point) - greatCircleKm(worker.base, b.point),
  );
}

/**
 * Returns the earliest start on the 5-minute grid, not before `earliest`, at which a visit of
 * `durationMs` lies inside one working interval, or undefined when none is left that day.
 */
export function fitInWorkingTime(
  intervals: readonly { start: number; end: number }[],
  earliest: number,
  durationMs: number,
): number | undefined {
  for (const interval of intervals) {
    const start = Math.ceil(Math.max(earliest, interval.start) / GRID_MS) * GRID_MS;
    if (start + durationMs <= interval.end) return start;
  }
  return undefined;
}
