/**
 * Benchmark of the team schedule's week view: 50 field workers with 6 visits on each of 7 days.
 * It serves the built back office (dist/web, from `npm run build`) on 127.0.0.1, with a stub of
 * the API calls that the screen makes. It opens the week in headless Chromium and measures from
 * navigation start to the first paint of the grid with data (the `schedule-grid-rendered`
 * performance mark). The stub exists only here, because browser tests run against the real
 * server. Writes bench/results/schedule-render.json.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { cpus } from "node:os";
import { extname, join, normalize } from "node:path";
import { DateTime } from "luxon";
import type { Browser } from "playwright-core";
import { launchBrowser } from "../test/e2e/harness.js";
import { machineDescription, percentile, writeResult } from "./support.js";

const WORKERS = 50;
const DAYS = 7;
const VISITS_PER_DAY = 6;
const RUNS = Number(process.env.BENCH_RUNS ?? (process.argv.includes("--quick") ? 1 : 5));
/** The screen must show the week within this time. */
const GOAL_MS = 1_000;
/** A fixed week, so every run draws the same grid: Monday 4 to Sunday 10 March 2030. */
const MONDAY = "2030-03-04";
const ZONE = "Europe/Paris";
const BUSINESS_UNIT_ID = "00000000-0000-4000-8000-000000000001";
const GRID_RENDERED_MARK = "schedule-grid-rendered";

const webRoot = join(import.meta.dirname, "..", "dist", "web");

/** Returns an instant of a local wall time in the unit's zone, as the API writes it (UTC ISO). */
function instant(date: string, hour: number, minute = 0): string {
  return DateTime.fromISO(date, { zone: ZONE }).set({ hour, minute }).toUTC().toISO() ?? "";
}

/**
 * Builds a week of the team schedule in the shape of `GET /schedule`: working 08:00–18:00 with a
 * lunch break, six 60-minute visits a day, and travel from the base, between visits and back.
 */
function buildSchedule(): unknown {
  const dates = Array.from({ length: DAYS }, (_, index) =>
    DateTime.fromISO(MONDAY, { zone: "UTC" }).plus({ days: index }).toISODate(),
  ) as string[];
  const states = ["scheduled", "scheduled", "in_progress", "to_close", "terminated", "scheduled"];
  const starts = [8.5, 10, 11.5, 13.5, 15, 16.5];
  const workers = Array.from({ length: WORKERS }, (_, workerIndex) => {
    const visits: unknown[] = [];
    const travel: unknown[] = [];
    const days = dates.map((date) => ({
      date,
      working: [
        { start: instant(date, 8), end: instant(date, 12) },
        { start: instant(date, 13), end: instant(date, 18) },
      ],
      blocked: [
        { start: instant(date, 0), end: instant(date, 8), reason: "outside_hours" },
        { start: instant(date, 12), end: instant(date, 13), reason: "lunch" },
        {
          start: instant(date, 18),
          end: DateTime.fromISO(instant(date, 0)).plus({ days: 1 }).toUTC().toISO(),
          reason: "outside_hours",
        },
      ],
    }));
    for (const [dayIndex, date] of dates.entries()) {
      let previous: string | null = null;
      for (let slot = 0; slot < VISITS_PER_DAY; slot++) {
        const start = starts[slot] ?? 8;
        const id = `w${workerIndex}-d${dayIndex}-v${slot}`;
        const startAt = instant(date, Math.floor(start), (start % 1) * 60);
        const endAt = instant(date, Math.floor(start) + 1, (start % 1) * 60);
        visits.push({
          id,
          reference: `A${String(workerIndex * 100 + dayIndex * 10 + slot).padStart(6, "0")}`,
          businessUnitId: BUSINESS_UNIT_ID,
          inThisUnit: true,
          activityTypeName: slot % 2 === 0 ? "Entretien" : "Dépannage",
          colour: slot % 2 === 0 ? "#e8590c" : "#1c7ed6",
          state: states[slot],
          customerName: `Client ${workerIndex}-${dayIndex}-${slot}`,
          addressLine1: `${slot + 1} rue de la République`,
          postcode: "69002",
          city: "Lyon",
          latitude: 45.75 + slot / 100,
          longitude: 4.83 + workerIndex / 1000,
          startAt,
          endAt,
          confirmedByCustomer: slot % 3 === 0,
        });
        travel.push({
          fromActivityId: previous,
          toActivityId: id,
          startAt: DateTime.fromISO(startAt).minus({ minutes: 15 }).toUTC().toISO(),
          endAt: startAt,
          minutes: 15,
          km: 6.2,
        });
        previous = id;
      }
      const lastEnd = instant(date, 17, 30);
      travel.push({
        fromActivityId: previous,
        toActivityId: null,
        startAt: lastEnd,
        endAt: DateTime.fromISO(lastEnd).plus({ minutes: 20 }).toUTC().toISO(),
        minutes: 20,
        km: 9.4,
      });
    }
    return {
      userId: `00000000-0000-4000-8000-${String(workerIndex + 100).padStart(12, "0")}`,
      name: `Worker ${String(workerIndex + 1).padStart(2, "0")}`,
      colour: ["#2f9e44", "#1c7ed6", "#e8590c", "#ae3ec9"][workerIndex % 4],
      base: { latitude: 45.7578, longitude: 4.832 },
      days,
      visits,
      travel,
    };
  });
  return { timeZone: ZONE, from: dates[0], to: dates.at(-1), holidays: [], workers };
}

const SESSION = {
  user: {
    id: "bench-user",
    email: "planner@bench.example",
    name: "Bench Planner",
    language: "en",
    mustChangePassword: false,
  },
  organization: { id: "bench-organization", name: "Bench" },
  businessUnits: [
    {
      id: BUSINESS_UNIT_ID,
      code: "LYON",
      name: "Lyon",
      timeZone: ZONE,
      language: "en",
      country: "FR",
      roles: ["admin", "planner"],
    },
  ],
};

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
};

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

/** Serves dist/web like the real server (page URLs get the back office's HTML) and stubs the API. */
function handle(scheduleJson: string, streams: Set<ServerResponse>) {
  return (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const path = url.pathname;
    if (path === "/api/session") {
      return sendJson(response, 200, SESSION);
    }
    if (path === `/api/business-units/${BUSINESS_UNIT_ID}/schedule`) {
      response.writeHead(200, { "content-type": "application/json" });
      return response.end(scheduleJson);
    }
    if (path === `/api/business-units/${BUSINESS_UNIT_ID}/activities`) {
      return sendJson(response, 200, { total: 0, items: [] });
    }
    if (path === `/api/business-units/${BUSINESS_UNIT_ID}/events`) {
      // An idle stream, as the real server keeps one open; closed when the benchmark stops.
      response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      response.write("retry: 2000\n\n");
      streams.add(response);
      request.on("close", () => streams.delete(response));
      return;
    }
    if (path.startsWith("/api/")) {
      return sendJson(response, 404, { error: { code: "not_found", message: `No stub for ${path}.` } });
    }
    const file = normalize(join(webRoot, path));
    const servesFile = file.startsWith(webRoot) && extname(file) !== "" && existsSync(file);
    const target = servesFile ? file : join(webRoot, "backoffice", "index.html");
    response.writeHead(200, { "content-type": CONTENT_TYPES[extname(target)] ?? "application/octet-stream" });
    response.end(readFileSync(target));
  };
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function cpuModel(): string {
  try {
    const line = readFileSync("/proc/cpuinfo", "utf8")
      .split("\n")
      .find((candidate) => candidate.startsWith("model name"));
    return line?.split(":")[1]?.trim() ?? cpus()[0]?.model ?? "unknown";
  } catch {
    return cpus()[0]?.model ?? "unknown";
  }
}

/** Throws unless dist/web holds a production build of the back office. */
function checkBuild(): void {
  if (!existsSync(join(webRoot, "backoffice", "index.html"))) {
    throw new Error(`${webRoot} has no built back office. Run "npm run build" first.`);
  }
  // A build made with NODE_ENV set to something else than "production" bundles React's
  // development runtime, which renders several times slower and would make the figures meaningless.
  const assets = join(webRoot, "assets");
  const developmentBuild = readdirSync(assets).some(
    (file) => file.endsWith(".js") && readFileSync(join(assets, file), "utf8").includes("jsxDEV"),
  );
  if (developmentBuild) {
    throw new Error(
      `${webRoot} contains a development build of React. Run "NODE_ENV=production npm run build" first.`,
    );
  }
}

interface RunTiming {
  /** From navigation start to the mark. */
  totalMs: number;
  /** From the end of the schedule response to the mark: parsing, React's render, style, layout and paint. */
  afterDataMs: number;
  /** Visits drawn in the grid. */
  visits: number;
}

/** Opens the week in a new browser profile, so every run loads the scripts and data with an empty cache. */
async function measureOnce(browser: Browser, origin: string): Promise<RunTiming> {
  const context = await browser.newContext({ locale: "en-GB", viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    await page.goto(`${origin}/bu/${BUSINESS_UNIT_ID}/schedule?view=week&date=${MONDAY}`);
    await page.locator('[data-testid="schedule-grid"][data-rendered="true"]').waitFor({ timeout: 30_000 });

    const timing = await page.evaluate((mark) => {
      const schedule = performance
        .getEntriesByType("resource")
        // Node's type library lacks PerformanceResourceTiming, so `responseEnd` is read off the entry.
        .find((entry) => entry.name.includes("/schedule?")) as { responseEnd: number } | undefined;
      return {
        rendered: performance.getEntriesByName(mark)[0]?.startTime ?? Number.NaN,
        dataReceived: schedule?.responseEnd ?? Number.NaN,
      };
    }, GRID_RENDERED_MARK);
    return {
      totalMs: Math.round(timing.rendered),
      afterDataMs: Math.round(timing.rendered - timing.dataReceived),
      visits: await page.locator("[data-activity-id]").count(),
    };
  } finally {
    await context.close();
  }
}

export async function runScheduleRenderBench(): Promise<Record<string, unknown>> {
  checkBuild();
  const streams = new Set<ServerResponse>();
  const server = createServer(handle(JSON.stringify(buildSchedule()), streams));
  const origin = await listen(server);
  const browser = await launchBrowser();
  const runs: RunTiming[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      runs.push(await measureOnce(browser, origin));
    }
  } finally {
    await browser.close();
    for (const stream of streams) {
      stream.end();
    }
    await new Promise((resolve) => server.close(resolve));
  }

  const expectedVisits = WORKERS * DAYS * VISITS_PER_DAY;
  const incomplete = runs.find((run) => run.visits !== expectedVisits);
  if (incomplete) {
    throw new Error(`the grid drew ${incomplete.visits} visits, expected ${expectedVisits}`);
  }
  const samples = runs.map((run) => run.totalMs);
  const afterData = runs.map((run) => run.afterDataMs);
  const result = {
    workers: WORKERS,
    days: DAYS,
    visitsPerDay: VISITS_PER_DAY,
    runs: RUNS,
    samplesMs: samples,
    p50Ms: percentile(samples, 50),
    p95Ms: percentile(samples, 95),
    renderAfterDataSamplesMs: afterData,
    renderAfterDataP50Ms: percentile(afterData, 50),
    goalMs: GOAL_MS,
    machine: { nproc: cpus().length, cpuModel: cpuModel(), description: machineDescription() },
    date: new Date().toISOString(),
  };
  writeResult("schedule-render.json", result);
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await runScheduleRenderBench());
}
