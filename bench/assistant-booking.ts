/**
 * The booking part of the scheduling-assistant benchmark: concurrent clients book activities
 * through POST /activities/:id/book over HTTP, on overlapping starts, then the database is
 * searched for two open visits of one worker that overlap.
 */

import { sql } from "drizzle-orm";
import { DateTime } from "luxon";
import { type DatabaseHandle, queryRows } from "../src/db/database.js";
import { createRandom } from "../src/services/demo/random.js";
import type { SeededUnit } from "./assistant-data.js";
import { timedRequest } from "./assistant-http.js";
import { percentile } from "./support.js";

/** Candidate starts of every worker-day: every 30 minutes from 07:30 to 17:30, for 60-minute visits. */
const FIRST_START = { hour: 7, minute: 30 };
const STARTS_PER_DAY = 21;
const START_STEP_MINUTES = 30;

export interface BookingPlan {
  clients: number;
  attempts: number;
  /** Local dates booked on, in order. */
  dates: string[];
}

interface Attempt {
  activityId: string;
  workerId: string;
  /** ISO 8601 with the unit's offset, as a client sends it. */
  start: string;
}

/**
 * Lists the attempts: every (worker, start) pair of a date, shuffled, date after date, one
 * activity per attempt. The clients work through the list in order, so at any moment they all
 * book on the same date and several of them on the same worker, on starts 30 minutes apart
 * that overlap.
 */
function planAttempts(unit: SeededUnit, plan: BookingPlan, seed: number): Attempt[] {
  const random = createRandom(seed);
  const grid: Omit<Attempt, "activityId">[] = [];
  for (const date of plan.dates) {
    const day: Omit<Attempt, "activityId">[] = [];
    for (const workerId of unit.workerIds) {
      for (let index = 0; index < STARTS_PER_DAY; index++) {
        const start = DateTime.fromISO(date, { zone: unit.businessUnit.timeZone })
          .set(FIRST_START)
          .plus({ minutes: index * START_STEP_MINUTES });
        day.push({ workerId, start: start.toISO()! });
      }
    }
    grid.push(...random.shuffle(day));
  }
  if (grid.length < plan.attempts || unit.unscheduledIds.length < plan.attempts) {
    throw new Error(
      `The booking plan has ${grid.length} starts and ${unit.unscheduledIds.length} activities for ${plan.attempts} attempts. Add dates or activities.`,
    );
  }
  return grid.slice(0, plan.attempts).map((entry, index) => ({
    ...entry,
    activityId: unit.unscheduledIds[index]!,
  }));
}

/** Counts pairs of open visits of one worker of the organization whose [start, end) overlap. */
async function countDoubleBookings(database: DatabaseHandle, organizationId: string): Promise<number> {
  const [row] = await queryRows<{ pairs: number }>(
    database.db,
    sql`SELECT count(*)::int AS pairs
        FROM activities a
        JOIN activities b
          ON b.organization_id = a.organization_id
         AND b.assignee_id = a.assignee_id
         AND b.id > a.id
         AND b.start_at < a.end_at
         AND a.start_at < b.end_at
        WHERE a.organization_id = ${organizationId}
          AND a.status IN ('pending', 'in_progress')
          AND b.status IN ('pending', 'in_progress')
          AND a.start_at IS NOT NULL
          AND b.start_at IS NOT NULL`,
  );
  return row?.pairs ?? Number.NaN;
}

async function countBooked(database: DatabaseHandle, organizationId: string): Promise<number> {
  const [row] = await queryRows<{ booked: number }>(
    database.db,
    sql`SELECT count(*)::int AS booked FROM activities
        WHERE organization_id = ${organizationId} AND assignee_id IS NOT NULL AND start_at IS NOT NULL`,
  );
  return row?.booked ?? Number.NaN;
}

export interface BookingResult {
  /** Dates that the attempts covered. */
  days: number;
  attempts: number;
  accepted: number;
  /** 409 schedule_conflict: the start overlaps a visit booked first. */
  conflicts: number;
  /** 422 slot_refused: outside working time, across lunch, or without time to travel. */
  refused: number;
  elapsedMs: number;
  bookingsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  acceptedP95Ms: number;
  conflictP95Ms: number;
  refusedP95Ms: number;
  doubleBookings: number;
  /** Activities of the unit with a worker and a time in the database after the run; should equal `accepted`. */
  bookedInDatabase: number;
}

/**
 * Runs `plan.clients` clients that each take the next attempt from the shared list and wait
 * for its response before sending another. Any status other than 201, 409 and 422 fails the run.
 */
export async function runBookings(
  origin: string,
  cookie: string,
  database: DatabaseHandle,
  unit: SeededUnit,
  plan: BookingPlan,
  seed: number,
): Promise<BookingResult> {
  const attempts = planAttempts(unit, plan, seed);
  const latencies = { 201: [] as number[], 409: [] as number[], 422: [] as number[] };
  const failures: string[] = [];
  let next = 0;
  const client = async () => {
    while (next < attempts.length) {
      const attempt = attempts[next++]!;
      const response = await timedRequest(
        `${origin}/api/business-units/${unit.businessUnit.id}/activities/${attempt.activityId}/book`,
        {
          method: "POST",
          headers: { cookie, "content-type": "application/json" },
          body: JSON.stringify({ workerId: attempt.workerId, start: attempt.start }),
        },
      );
      if (response.status === 201 || response.status === 409 || response.status === 422) {
        latencies[response.status].push(response.ms);
      } else {
        failures.push(`${response.status} ${response.body.slice(0, 300)}`);
      }
    }
  };

  const started = performance.now();
  await Promise.all(Array.from({ length: plan.clients }, client));
  const elapsedMs = performance.now() - started;
  if (failures.length > 0) {
    throw new Error(`${failures.length} booking attempts failed. First failure: ${failures[0]}`);
  }

  const all = [...latencies[201], ...latencies[409], ...latencies[422]];
  return {
    days: Math.ceil(attempts.length / (unit.workerIds.length * STARTS_PER_DAY)),
    attempts: attempts.length,
    accepted: latencies[201].length,
    conflicts: latencies[409].length,
    refused: latencies[422].length,
    elapsedMs: Math.round(elapsedMs),
    bookingsPerSecond: round1((all.length / elapsedMs) * 1000),
    p50Ms: round1(percentile(all, 50)),
    p95Ms: round1(percentile(all, 95)),
    acceptedP95Ms: round1(percentile(latencies[201], 95)),
    conflictP95Ms: round1(percentile(latencies[409], 95)),
    refusedP95Ms: round1(percentile(latencies[422], 95)),
    doubleBookings: await countDoubleBookings(database, unit.organizationId),
    bookedInDatabase: await countBooked(database, unit.organizationId),
  };
}

export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
