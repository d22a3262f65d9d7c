/**
 * Benchmark of the scheduling assistant on synthetic business units built from the real places
 * of resources/demo. For each scenario (workers × days × visits a day) it times:
 * - `findSlots` in process, with the workers, visits and travel matrix already in memory;
 * - GET /activities/:id/assistant over HTTP on PostgreSQL, searching every worker over the days;
 * - GET /schedule for the same workers and days over the same HTTP stack, as the baseline of a
 *   plain read.
 * Then 50 clients book over HTTP on overlapping starts, and the database is checked for double
 * bookings. The database `rondo_bench` on the PostgreSQL server of BENCH_POSTGRES_URL
 * (postgres://postgres@127.0.0.1:5432/postgres by default) is dropped and created again on
 * every run. Writes bench/results/assistant.json. `--quick` takes fewer samples and attempts.
 */
import { randomUUID } from "node:crypto";
import { loadavg } from "node:os";
import { sql } from "drizzle-orm";
import { DateTime } from "luxon";
import pg from "pg";
import pino from "pino";
import { loadConfig } from "../src/config.js";
import { type DatabaseHandle, openDatabase } from "../src/db/database.js";
import { migrate } from "../src/db/migrate.js";
import { systemClock } from "../src/domain/clock.js";
import {
  DEFAULT_SCHEDULING_SETTINGS,
  findSlots,
  type SlotSearchInput,
} from "../src/domain/scheduling/assistant/index.js";
import { estimateProvider } from "../src/integrations/travel/provider.js";
import type { ServiceContext } from "../src/services/context.js";
import { loadSearchData, loadTravel, placeKey } from "../src/services/scheduling/search-data.js";
import { PasswordHasher, SecretHasher } from "../src/services/secrets.js";
import { type BookingPlan, round1, runBookings } from "./assistant-booking.js";
import {
  BENCH_PASSWORD,
  buildBookingUnit,
  buildUnit,
  candidateWorkers,
  consecutiveDates,
  firstHolidayFreeRun,
  holidaysAround,
  REQUIRED_LEVEL,
  type Scenario,
  SEARCHED_MINUTES,
  type SeededUnit,
  SKILL_NAME,
  type SyntheticUnit,
  seedUnit,
  workingDatesBetween,
  ZONE,
} from "./assistant-data.js";
import { type BenchServer, signIn, startServer, timedRequest } from "./assistant-http.js";
import { machineDescription, percentile, writeResult } from "./support.js";

const QUICK = process.argv.includes("--quick");
const DATABASE_NAME = "rondo_bench";
const SEED = 20_261_205;

interface Samples {
  /** Untimed runs first, so that compiled code and caches are warm. */
  warmUp: number;
  inProcess: number;
  /** Requests to each of the two endpoints. */
  http: number;
  /** Direct calls of the service's loading steps, to show where the HTTP time goes. */
  breakdown: number;
}

/**
 * The scenarios and their sample counts. `--quick` leaves 200 × 30 × 8 out, because writing its
 * 48,000 visits and fetching its 36 MiB schedule take most of a minute on a two-core machine.
 */
const ALL_SCENARIOS: (Scenario & { full: Samples; quick: Samples | null })[] = [
  {
    name: "10×14×6",
    workers: 10,
    days: 14,
    visitsPerDay: 6,
    full: { warmUp: 20, inProcess: 500, http: 100, breakdown: 10 },
    quick: { warmUp: 2, inProcess: 30, http: 5, breakdown: 1 },
  },
  {
    name: "50×14×6",
    workers: 50,
    days: 14,
    visitsPerDay: 6,
    full: { warmUp: 20, inProcess: 500, http: 100, breakdown: 10 },
    quick: { warmUp: 2, inProcess: 30, http: 3, breakdown: 1 },
  },
  {
    name: "200×30×8",
    workers: 200,
    days: 30,
    visitsPerDay: 8,
    full: { warmUp: 5, inProcess: 100, http: 20, breakdown: 5 },
    quick: null,
  },
];

const SCENARIOS = ALL_SCENARIOS.flatMap(({ full, quick, ...scenario }) => {
  const samples = QUICK ? quick : full;
  return samples ? [{ ...scenario, samples }] : [];
});

const BOOKING = {
  clients: 50,
  attempts: QUICK ? 100 : 10_000,
  workers: 20,
  /** The maximum number of dates. The attempts fill them in order. */
  maxDates: 30,
};

/** The benchmark's targets. Each result records whether it met the targets that apply to it. */
const TARGETS = {
  /** In-process p95 of the 50 × 14 × 6 scenario. */
  inProcessP95Ms: 20,
  /** httpP95Ms at most this multiple of bareFetchP95Ms. */
  httpOverBareFetch: 1.5,
  bookingsPerSecond: 300,
  doubleBookings: 0,
};

function serverUrl(): string {
  return process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
}

/** Drops and creates the benchmark's database, and returns its URL. */
async function recreateDatabase(): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${DATABASE_NAME} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${DATABASE_NAME}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl());
  url.pathname = `/${DATABASE_NAME}`;
  return url.toString();
}

function seedingContext(database: DatabaseHandle): ServiceContext {
  const config = loadConfig({
    NODE_ENV: "test",
    SECRET_KEY: "bench-secret-key-0123456789abcdef012345",
    PASSWORD_HASH_COST: "low",
  });
  return {
    db: database.db,
    clock: systemClock,
    config,
    logger: pino({ level: "silent" }),
    secrets: new SecretHasher(config.secretKey),
    passwords: new PasswordHasher("low"),
  };
}

/** Returns the instants that bound a search over local dates, as the service computes them. */
function searchRange(dates: readonly string[]): { from: Date; to: Date } {
  return {
    from: DateTime.fromISO(dates[0]!, { zone: ZONE }).startOf("day").toJSDate(),
    to: DateTime.fromISO(dates.at(-1)!, { zone: ZONE }).plus({ days: 1 }).startOf("day").toJSDate(),
  };
}

/**
 * Runs `run` `count` times and returns, for each run, the elapsed time and the CPU time of the
 * process (user and system, all threads), both in milliseconds. On a machine shared with other
 * work, the elapsed time includes waiting for a core and the CPU time does not.
 */
function timeRepeatedly(count: number, run: () => void): { elapsed: number[]; cpu: number[] } {
  const elapsed: number[] = [];
  const cpu: number[] = [];
  for (let index = 0; index < count; index++) {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    run();
    elapsed.push(performance.now() - started);
    const used = process.cpuUsage(cpuBefore);
    cpu.push((used.user + used.system) / 1000);
  }
  return { elapsed, cpu };
}

interface InProcessResult {
  p50Ms: number;
  p95Ms: number;
  cpuP50Ms: number;
  cpuP95Ms: number;
  travelPairs: number;
  feasibleSlots: number;
}

/**
 * Times `findSlots` alone. The input (workers with their visits, and the travel lookup built
 * once with the built-in estimate through the service's `loadTravel`) is prepared before timing.
 */
async function measureInProcess(
  unit: SyntheticUnit,
  dates: readonly string[],
  samples: Samples,
): Promise<InProcessResult> {
  const skillId = randomUUID();
  const workers = candidateWorkers(
    unit,
    unit.workers.map(() => randomUUID()),
    holidaysAround(dates),
    skillId,
  );
  const place = placeKey(unit.customers[unit.targetCustomerIndex]!.point);

  // The provider is wrapped only to count the pairs in the matrix.
  const pairs = new Set<string>();
  const provider = estimateProvider(DEFAULT_SCHEDULING_SETTINGS.travel);
  const travel = await loadTravel(
    {
      name: provider.name,
      travel: (requested) => {
        for (const [from, to] of requested) pairs.add(`${placeKey(from)}|${placeKey(to)}`);
        return provider.travel(requested);
      },
    },
    place,
    workers,
  );

  const range = searchRange(dates);
  const input: SlotSearchInput = {
    zone: ZONE,
    durationMinutes: SEARCHED_MINUTES,
    place,
    requiredSkills: [{ skillId, name: SKILL_NAME, minimumLevel: REQUIRED_LEVEL }],
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    now: new Date().toISOString(),
    minimumNoticeMinutes: 0,
    settings: DEFAULT_SCHEDULING_SETTINGS,
    workers,
    travel,
  };

  let feasibleSlots = 0;
  timeRepeatedly(samples.warmUp, () => {
    feasibleSlots = findSlots(input).slots.length;
  });
  const timings = timeRepeatedly(samples.inProcess, () => findSlots(input));
  return {
    p50Ms: round1(percentile(timings.elapsed, 50)),
    p95Ms: round1(percentile(timings.elapsed, 95)),
    cpuP50Ms: round1(percentile(timings.cpu, 50)),
    cpuP95Ms: round1(percentile(timings.cpu, 95)),
    travelPairs: pairs.size,
    feasibleSlots,
  };
}

/**
 * Times the loading steps of the assistant's service directly, from this process with its own
 * connection pool: the workers, hours and visits (`loadSearchData`), the travel matrix
 * (`loadTravel`) and the search on what was loaded.
 */
async function measureServiceSteps(
  database: DatabaseHandle,
  seeded: SeededUnit,
  dates: readonly string[],
  samples: Samples,
) {
  const range = searchRange(dates);
  const place = placeKey(seeded.target);
  const load: number[] = [];
  const travelLoad: number[] = [];
  const search: number[] = [];
  for (let index = 0; index < samples.breakdown; index++) {
    let started = performance.now();
    const data = await loadSearchData(database.db, seeded.organizationId, seeded.businessUnit, range, {
      exceptActivityId: seeded.unscheduledIds[0]!,
    });
    load.push(performance.now() - started);
    started = performance.now();
    const travel = await loadTravel(estimateProvider(data.settings.travel), place, data.workers);
    travelLoad.push(performance.now() - started);
    started = performance.now();
    findSlots({
      zone: seeded.businessUnit.timeZone,
      durationMinutes: SEARCHED_MINUTES,
      place,
      requiredSkills: [{ skillId: seeded.skillId, name: SKILL_NAME, minimumLevel: REQUIRED_LEVEL }],
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      now: new Date().toISOString(),
      minimumNoticeMinutes: 0,
      settings: data.settings,
      workers: data.workers,
      travel,
    });
    search.push(performance.now() - started);
  }
  return {
    serviceLoadP50Ms: round1(percentile(load, 50)),
    serviceTravelP50Ms: round1(percentile(travelLoad, 50)),
    serviceSearchP50Ms: round1(percentile(search, 50)),
  };
}

interface HttpResult {
  httpP50Ms: number;
  httpP95Ms: number;
  bareFetchP50Ms: number;
  bareFetchP95Ms: number;
  assistantKiB: number;
  scheduleKiB: number;
}

/**
 * Times the assistant and the team schedule over HTTP, one request at a time and alternating
 * between the two, so that both see the same state of the server and the database. Checks that
 * the assistant found as many slots as the in-process search and that the schedule contains
 * every worker and visit.
 */
async function measureHttp(
  origin: string,
  cookie: string,
  scenario: Scenario & { samples: Samples },
  seeded: SeededUnit,
  dates: readonly string[],
  expectedSlots: number,
): Promise<HttpResult> {
  const unitPath = `${origin}/api/business-units/${seeded.businessUnit.id}`;
  const range = `from=${dates[0]}&to=${dates.at(-1)}`;
  const assistantUrl = `${unitPath}/activities/${seeded.unscheduledIds[0]}/assistant?${range}`;
  const scheduleUrl = `${unitPath}/schedule?${range}`;
  const init = { headers: { cookie } };

  const assistant: number[] = [];
  const schedule: number[] = [];
  let assistantBody = "";
  let scheduleBody = "";
  for (let index = 0; index < scenario.samples.warmUp + scenario.samples.http; index++) {
    const searched = await timedRequest(assistantUrl, init);
    const fetched = await timedRequest(scheduleUrl, init);
    if (searched.status !== 200)
      throw new Error(`assistant: ${searched.status} ${searched.body.slice(0, 300)}`);
    if (fetched.status !== 200) throw new Error(`schedule: ${fetched.status} ${fetched.body.slice(0, 300)}`);
    if (index < scenario.samples.warmUp) continue;
    assistant.push(searched.ms);
    schedule.push(fetched.ms);
    assistantBody = searched.body;
    scheduleBody = fetched.body;
  }

  const suggestions = JSON.parse(assistantBody) as { days: unknown[]; workers: { feasibleSlots: number }[] };
  const slots = suggestions.workers.reduce((sum, worker) => sum + worker.feasibleSlots, 0);
  if (suggestions.days.length !== scenario.days || slots !== expectedSlots) {
    throw new Error(
      `${scenario.name}: the assistant returned ${suggestions.days.length} days and ${slots} slots, expected ${scenario.days} days and ${expectedSlots} slots as in process.`,
    );
  }
  const team = JSON.parse(scheduleBody) as { workers: { visits: unknown[] }[] };
  const visits = team.workers.reduce((sum, worker) => sum + worker.visits.length, 0);
  const expectedVisits = scenario.workers * scenario.days * scenario.visitsPerDay;
  if (team.workers.length !== scenario.workers || visits !== expectedVisits) {
    throw new Error(
      `${scenario.name}: the schedule returned ${team.workers.length} workers and ${visits} visits, expected ${scenario.workers} and ${expectedVisits}.`,
    );
  }
  return {
    httpP50Ms: round1(percentile(assistant, 50)),
    httpP95Ms: round1(percentile(assistant, 95)),
    bareFetchP50Ms: round1(percentile(schedule, 50)),
    bareFetchP95Ms: round1(percentile(schedule, 95)),
    assistantKiB: Math.round(Buffer.byteLength(assistantBody) / 1024),
    scheduleKiB: Math.round(Buffer.byteLength(scheduleBody) / 1024),
  };
}

/** Signs in to the scenario's unit, times both endpoints, then the service's loading steps. */
async function measureOverHttp(
  origin: string,
  database: DatabaseHandle,
  scenario: Scenario & { samples: Samples },
  unit: SeededUnit,
  dates: readonly string[],
  local: InProcessResult,
) {
  const cookie = await signIn(origin, unit.adminEmail, BENCH_PASSWORD);
  const http = await measureHttp(origin, cookie, scenario, unit, dates, local.feasibleSlots);
  log(
    `${scenario.name} over HTTP: assistant p95 ${http.httpP95Ms} ms, schedule p95 ${http.bareFetchP95Ms} ms`,
  );
  const steps = await measureServiceSteps(database, unit, dates, scenario.samples);
  const ratio = Math.round((http.httpP95Ms / http.bareFetchP95Ms) * 100) / 100;
  return {
    ...http,
    httpOverBareFetch: ratio,
    httpOverBareFetchTarget: TARGETS.httpOverBareFetch,
    httpTargetMet: ratio <= TARGETS.httpOverBareFetch,
    ...steps,
  };
}

/** Returns the 1-minute load average, because other processes on the machine inflate every figure. */
function loadAverage(): number {
  return Math.round(loadavg()[0]! * 100) / 100;
}

function log(message: string): void {
  console.log(`[assistant] ${message}`);
}

export async function runAssistantBench(): Promise<Record<string, unknown>[]> {
  const today = DateTime.now().setZone(ZONE).toISODate()!;
  // A run without public holidays, so that every searched day is a working day.
  const searchDates = consecutiveDates(firstHolidayFreeRun(today, 7, 32), 32);
  const units = SCENARIOS.map((scenario, index) =>
    buildUnit(scenario, searchDates.slice(0, scenario.days), SEED + index),
  );

  const inProcess: InProcessResult[] = [];
  for (const [index, scenario] of SCENARIOS.entries()) {
    const dates = searchDates.slice(0, scenario.days);
    inProcess.push(await measureInProcess(units[index]!, dates, scenario.samples));
    log(
      `${scenario.name} in process: p95 ${inProcess[index]!.p95Ms} ms (CPU time p95 ${inProcess[index]!.cpuP95Ms} ms)`,
    );
  }

  const databaseUrl = await recreateDatabase();
  const database = await openDatabase({ kind: "postgres", url: databaseUrl, poolSize: 4 });
  let server: BenchServer | undefined;
  try {
    await migrate(database.db);
    const context = seedingContext(database);
    const started = performance.now();
    const seeded: SeededUnit[] = [];
    for (const unit of units) seeded.push(await seedUnit(context, database, unit, 1));
    const bookingUnit = await seedUnit(
      context,
      database,
      buildBookingUnit(BOOKING.workers, SEED),
      BOOKING.attempts,
    );
    // Fresh tables have no planner statistics yet, while a server in use would have them.
    await database.db.execute(sql`ANALYZE`);
    log(`seeded PostgreSQL in ${Math.round(performance.now() - started)} ms`);

    server = await startServer(databaseUrl);
    log(`server log: ${server.logFile}`);
    const results: Record<string, unknown>[] = [];
    const machine = machineDescription();
    const date = new Date().toISOString();
    for (const [index, scenario] of SCENARIOS.entries()) {
      const dates = searchDates.slice(0, scenario.days);
      const local = inProcess[index]!;
      const overHttp = await measureOverHttp(server.origin, database, scenario, seeded[index]!, dates, local);
      results.push({
        scenario: scenario.name,
        workers: scenario.workers,
        days: scenario.days,
        visitsPerDay: scenario.visitsPerDay,
        p50Ms: local.p50Ms,
        p95Ms: local.p95Ms,
        cpuP50Ms: local.cpuP50Ms,
        cpuP95Ms: local.cpuP95Ms,
        ...(scenario.name === "50×14×6"
          ? { p95TargetMs: TARGETS.inProcessP95Ms, p95TargetMet: local.p95Ms <= TARGETS.inProcessP95Ms }
          : {}),
        ...overHttp,
        visits: scenario.workers * scenario.days * scenario.visitsPerDay,
        travelPairs: local.travelPairs,
        feasibleSlots: local.feasibleSlots,
        inProcessRuns: scenario.samples.inProcess,
        httpRequests: scenario.samples.http,
        firstDate: dates[0],
        engine: "postgres",
        machine,
        loadAverage: loadAverage(),
        date,
      });
    }

    const tomorrow = DateTime.fromISO(today, { zone: ZONE }).plus({ days: 1 }).toISODate()!;
    // The default booking policy offers 60 days ahead, so the last date stays a day inside.
    const lastDate = DateTime.fromISO(today, { zone: ZONE }).plus({ days: 59 }).toISODate()!;
    const plan: BookingPlan = {
      clients: BOOKING.clients,
      attempts: BOOKING.attempts,
      dates: workingDatesBetween(tomorrow, lastDate, BOOKING.maxDates),
    };
    const cookie = await signIn(server.origin, bookingUnit.adminEmail, BENCH_PASSWORD);
    const booking = await runBookings(server.origin, cookie, database, bookingUnit, plan, SEED);
    log(
      `booking: ${booking.bookingsPerSecond} answered attempts a second, ${booking.doubleBookings} double bookings`,
    );
    results.push({
      scenario: "booking",
      clients: BOOKING.clients,
      workers: BOOKING.workers,
      ...booking,
      bookingsPerSecondTarget: TARGETS.bookingsPerSecond,
      bookingsTargetMet: booking.bookingsPerSecond >= TARGETS.bookingsPerSecond,
      doubleBookingsTargetMet: booking.doubleBookings === TARGETS.doubleBookings,
      engine: "postgres",
      machine,
      loadAverage: loadAverage(),
      date,
    });
    // A quick run does not replace the figures of the last full run.
    writeResult(QUICK ? "assistant-quick.json" : "assistant.json", results);
    return results;
  } finally {
    await server?.stop();
    await database.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await runAssistantBench());
}
