import { DateTime } from "luxon";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { estimateTravel } from "../../src/domain/scheduling/travel.js";
import { publicHolidays } from "../../src/domain/scheduling/working-time/index.js";
import {
  addTestMember,
  createTestCustomer,
  createTestOrganization,
  TEST_PASSWORD,
  type TestOrganization,
} from "../helpers/factories.js";
import {
  type E2eDatabase,
  e2eDatabase,
  launchBrowser,
  newContext,
  type RunningServer,
  startServer,
} from "./harness.js";

const ZONE = "Europe/Paris";
/** The worker's base and the first customer: Place Bellecour, Lyon. */
const LYON = { latitude: 45.7578, longitude: 4.832 };
/** The second customer, in Vienne, about 26 km south of Lyon as the crow flies. */
const VIENNE = { latitude: 45.5253, longitude: 4.8745 };
/** Live updates must show another planner's change within this time, without a reload. */
const LIVE_UPDATE_MS = 2_000;

/**
 * Returns a Monday that is always ahead, so the test never depends on today's weekday. It is the
 * next Monday in Paris after today, or a week later when that one is a French public holiday,
 * because a holiday would add a warning to the placement.
 */
function futureMonday(now: DateTime): DateTime {
  let monday = now.setZone(ZONE).startOf("week").plus({ weeks: 1 });
  const holidays = new Set([
    ...publicHolidays("FR", monday.year).map((holiday) => holiday.date),
    ...publicHolidays("FR", monday.year + 1).map((holiday) => holiday.date),
  ]);
  while (holidays.has(monday.toISODate() ?? "")) {
    monday = monday.plus({ weeks: 1 });
  }
  return monday;
}

const now = DateTime.now().setZone(ZONE);
const MONDAY = futureMonday(now);
/**
 * The day of the visit that the field worker starts and reports: today on a weekday (so "My day"
 * opens on it), else the future Monday, which the worker reaches with the date navigation.
 */
const REPORT_DAY = now.weekday <= 5 ? now.startOf("day") : MONDAY;
const TRAVEL_TO_VIENNE = estimateTravel(LYON, VIENNE);

let database: E2eDatabase;
let server: RunningServer;
let browser: Browser;
let organization: TestOrganization;
let planner: { id: string; email: string };
let worker: { id: string; email: string };
let camille: { id: string; reference: string };
/** Activity type "Entretien", 60 minutes. */
let typeId: string;
/** Camille's visit at 16:30 on the report day, which the field worker starts and closes (A000002). */
let reportVisitId: string;

/** Signs in through the API and returns the session cookie, for the set-up calls. */
async function apiSignIn(email: string): Promise<string> {
  const response = await fetch(`${server.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: TEST_PASSWORD }),
  });
  expect(response.status).toBe(200);
  return (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

async function callApi<T>(cookie: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${server.url}/api/business-units/${organization.businessUnitId}${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  expect(response.status, `${method} ${path}: ${text}`).toBeLessThan(300);
  return (text === "" ? undefined : JSON.parse(text)) as T;
}

beforeAll(async () => {
  database = e2eDatabase();
  ({ organization, planner, worker, camille } = await database.prepare(async (context) => {
    const organization = await createTestOrganization(context);
    const planner = await addTestMember(context, organization, ["planner"], {
      name: "Pia Planner",
      passwordChosen: true,
    });
    const worker = await addTestMember(context, organization, ["field_worker"], {
      name: "Léa Tech",
      passwordChosen: true,
    });
    const camille = await createTestCustomer(context, organization, {
      reference: "C-CAMILLE",
      displayName: "Camille Durand",
      ...LYON,
    });
    await createTestCustomer(context, organization, {
      reference: "C-PAUL",
      displayName: "Paul Martin",
      city: "Vienne",
      ...VIENNE,
    });
    return { organization, planner, worker, camille };
  }));
  server = await startServer(database.environment);
  browser = await launchBrowser();

  const cookie = await apiSignIn(organization.admin.email);
  const day = [{ start: "08:00", end: "18:00" }];
  await callApi(cookie, "PATCH", `/workers/${worker.id}`, {
    colour: "#2f9e44",
    baseAddressLine1: "1 Place Bellecour",
    basePostcode: "69002",
    baseCity: "Lyon",
    baseLatitude: LYON.latitude,
    baseLongitude: LYON.longitude,
    weeklyHours: { days: { "1": day, "2": day, "3": day, "4": day, "5": day, "6": [], "7": [] } },
  });
  const type = await callApi<{ id: string }>(cookie, "POST", "/activity-types", {
    name: "Entretien",
    colour: "#e8590c",
    defaultDurationMinutes: 60,
  });
  typeId = type.id;
  const place = async (startAt: DateTime): Promise<string> => {
    const activity = await callApi<{ id: string }>(cookie, "POST", "/activities", {
      activityTypeId: typeId,
      customerId: camille.id,
    });
    // A weekday that is a public holiday adds a warning; the set-up places the visit anyway.
    await callApi(cookie, "POST", `/activities/${activity.id}/schedule`, {
      assigneeId: worker.id,
      startAt: startAt.toISO(),
      acceptWarnings: true,
    });
    return activity.id;
  };
  // A000001: Camille's visit on the future Monday at 09:00.
  await place(MONDAY.set({ hour: 9 }));
  reportVisitId = await place(REPORT_DAY.set({ hour: 16, minute: 30 }));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  database?.cleanup();
});

async function signIn(context: BrowserContext, email: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${server.url}/login`);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL(/\/bu\//);
  await page.getByRole("heading", { level: 1 }).waitFor();
  return page;
}

/**
 * Picks a time in a time list by keyboard: typing highlights the first match and Enter selects
 * it. Clicking raced with the long list scrolling the option into view.
 */
async function chooseTime(page: Page, input: Locator, time: string): Promise<void> {
  await input.click();
  await input.fill(time);
  await page.getByRole("option", { name: time, exact: true }).waitFor();
  await input.press("Enter");
  await expect.poll(() => input.inputValue()).toBe(time);
}

/** Picks an option of a Mantine select: types to filter the list, then clicks the option. */
async function choose(page: Page, input: Locator, typed: string, option: string): Promise<void> {
  await input.click();
  await input.fill(typed);
  await page.getByRole("option", { name: option, exact: true }).click();
}

/** Fills the schedule dialog: worker, date (typed as DD/MM/YYYY, the en-GB form) and start time. */
async function fillSchedule(page: Page, dialog: Locator, day: DateTime, time: string): Promise<void> {
  const workerInput = dialog.getByRole("combobox", { name: "Worker", exact: true });
  if ((await workerInput.inputValue()) !== "Léa Tech") {
    await choose(page, workerInput, "Léa", "Léa Tech");
  }
  const date = dialog.getByLabel("Date", { exact: true });
  await date.fill(day.toFormat("dd/MM/yyyy"));
  await date.press("Tab");
  await chooseTime(page, dialog.getByRole("combobox", { name: "Start time", exact: true }), time);
}

async function historyHeadings(page: Page): Promise<string[]> {
  const history = page.getByRole("region", { name: "History", exact: true });
  await history.waitFor();
  return history.getByRole("heading", { level: 3 }).allTextContents();
}

describe("activities, team schedule and field work", () => {
  it("plans, updates live, and closes from the field", async () => {
    const mondayDate = MONDAY.toISODate() ?? "";

    // A second planner keeps the week of the future Monday open the whole time.
    const watcherContext = await newContext(browser);
    const watcher = await signIn(watcherContext, planner.email);
    await watcher.getByRole("link", { name: "Schedule", exact: true }).click();
    await watcher.getByRole("heading", { name: "Schedule", exact: true, level: 1 }).waitFor();
    await watcher.getByRole("button", { name: "Week", exact: true }).click();
    const weeksAhead = Math.round(MONDAY.diff(now.startOf("week"), "weeks").weeks);
    for (let week = 0; week < weeksAhead; week++) {
      await watcher.getByRole("button", { name: "Next week", exact: true }).click();
    }
    await watcher.waitForURL(new RegExp(`date=${mondayDate}`));
    const grid = watcher.locator('[data-testid="schedule-grid"][data-rendered="true"]');
    await grid.waitFor();
    await grid
      .getByRole("link", { name: "09:00–10:00 Entretien, Camille Durand, scheduled", exact: true })
      .waitFor();
    expect(await grid.getByRole("rowheader").allTextContents()).toEqual(["Léa Tech"]);

    // The planner creates an activity for the customer in Vienne.
    const plannerContext = await newContext(browser);
    const page = await signIn(plannerContext, organization.admin.email);
    await page.getByRole("link", { name: "Activities", exact: true }).click();
    await page.getByRole("heading", { name: "Activities", exact: true, level: 1 }).waitFor();
    await page.getByRole("button", { name: "New activity", exact: true }).click();
    const newDialog = page.getByRole("dialog", { name: "New activity", exact: true });
    await choose(
      page,
      newDialog.getByRole("combobox", { name: "Activity type", exact: true }),
      "Entr",
      "Entretien",
    );
    expect(await newDialog.getByLabel("Duration (minutes)", { exact: true }).inputValue()).toBe("60");
    await choose(
      page,
      newDialog.getByRole("combobox", { name: "Customer", exact: true }),
      "Paul",
      "Paul Martin · C-PAUL · Vienne",
    );
    expect(await newDialog.getByLabel("City", { exact: true }).inputValue()).toBe("Vienne");
    expect(await newDialog.getByLabel("Latitude", { exact: true }).inputValue()).toBe("45.5253");
    await newDialog.getByLabel("Comment", { exact: true }).fill("Annual boiler service");
    await newDialog.getByRole("button", { name: "Create the activity", exact: true }).click();
    await page.getByRole("heading", { name: "A000003 · Entretien", exact: true, level: 1 }).waitFor();
    const pauls = page.url().split("/").at(-1) ?? "";

    // Placed at 10:00, right after the 09:00 visit in Lyon: the travel warning, then "Schedule anyway".
    await page.getByRole("button", { name: "Schedule", exact: true }).click();
    const scheduleDialog = page.getByRole("dialog", { name: "Schedule A000003", exact: true });
    await fillSchedule(page, scheduleDialog, MONDAY, "10:00");
    expect(await scheduleDialog.getByText("Planned: ", { exact: false }).textContent()).toMatch(
      /^Planned: .*, 10:00–11:00\.$/,
    );
    await scheduleDialog.getByRole("button", { name: "Schedule", exact: true }).click();
    const warnings = scheduleDialog.getByRole("alert").filter({ hasText: "This placement has warnings" });
    await warnings.waitFor();
    expect(await warnings.getByRole("listitem").allTextContents()).toEqual([
      `Travel from the previous visit needs ${TRAVEL_TO_VIENNE.minutes} min, and 0 min are free.`,
    ]);
    await scheduleDialog.getByRole("button", { name: "Schedule anyway", exact: true }).click();
    await scheduleDialog.waitFor({ state: "detached" });
    const placedAt = Date.now();

    // The other planner sees the block appear without reloading.
    await grid
      .getByRole("link", { name: "10:00–11:00 Entretien, Paul Martin, scheduled", exact: true })
      .waitFor({ timeout: LIVE_UPDATE_MS });
    expect(Date.now() - placedAt).toBeLessThan(LIVE_UPDATE_MS);

    // Moved to 14:00: no warning this time, and the block moves on the other screen.
    await page.getByRole("button", { name: "Reschedule", exact: true }).click();
    const rescheduleDialog = page.getByRole("dialog", { name: "Schedule A000003", exact: true });
    await fillSchedule(page, rescheduleDialog, MONDAY, "14:00");
    await rescheduleDialog.getByRole("button", { name: "Schedule", exact: true }).click();
    await rescheduleDialog.waitFor({ state: "detached" });
    await grid
      .getByRole("link", { name: "14:00–15:00 Entretien, Paul Martin, scheduled", exact: true })
      .waitFor({ timeout: LIVE_UPDATE_MS });
    expect(
      await grid
        .getByRole("link", { name: "10:00–11:00 Entretien, Paul Martin, scheduled", exact: true })
        .count(),
    ).toBe(0);

    // A third activity overlapping that visit is refused, with no way to force it.
    await page.getByRole("link", { name: "Activities", exact: true }).click();
    await page.getByRole("button", { name: "New activity", exact: true }).click();
    const secondDialog = page.getByRole("dialog", { name: "New activity", exact: true });
    await choose(
      page,
      secondDialog.getByRole("combobox", { name: "Activity type", exact: true }),
      "Entr",
      "Entretien",
    );
    await choose(
      page,
      secondDialog.getByRole("combobox", { name: "Customer", exact: true }),
      "Camille",
      "Camille Durand · C-CAMILLE · Lyon",
    );
    await secondDialog.getByRole("button", { name: "Create the activity", exact: true }).click();
    await page.getByRole("heading", { name: "A000004 · Entretien", exact: true, level: 1 }).waitFor();
    await page.getByRole("link", { name: "Schedule", exact: true }).click();
    await page.getByRole("heading", { name: "To schedule (1)", exact: true }).waitFor();
    await page
      .getByRole("button", {
        name: "Schedule A000004, Entretien for Camille Durand, 60 minutes",
        exact: true,
      })
      .click();
    const conflictDialog = page.getByRole("dialog", { name: "Schedule A000004", exact: true });
    await fillSchedule(page, conflictDialog, MONDAY, "14:30");
    await conflictDialog.getByRole("button", { name: "Schedule", exact: true }).click();
    const conflict = conflictDialog.getByRole("alert").filter({ hasText: "This time is taken" });
    await conflict.waitFor();
    expect(await conflict.getByText("The worker already has", { exact: false }).textContent()).toBe(
      "The worker already has A000003 at this time. Two visits of one worker cannot overlap: choose another time or worker.",
    );
    expect(await conflictDialog.getByRole("button", { name: "Schedule anyway", exact: true }).count()).toBe(
      0,
    );
    await conflictDialog.getByRole("button", { name: "Cancel", exact: true }).click();
    await conflictDialog.waitFor({ state: "detached" });
    await page.getByRole("heading", { name: "To schedule (1)", exact: true }).waitFor();

    // The field worker, on a phone, starts the 16:30 visit and submits the report.
    const phoneContext = await newContext(browser, { width: 375 });
    const phone = await signIn(phoneContext, worker.email);
    await phone.getByRole("button", { name: "Open navigation", exact: true }).click();
    await phone.getByRole("link", { name: "My day", exact: true }).click();
    await phone.getByRole("heading", { name: "My day", exact: true, level: 1 }).waitFor();
    const daysAhead = Math.round(REPORT_DAY.diff(now.startOf("day"), "days").days);
    for (let day = 0; day < daysAhead; day++) {
      await phone.getByRole("button", { name: "Next day", exact: true }).click();
    }
    const card = phone.getByRole("article", { name: "16:30–17:30 Entretien", exact: true });
    await card.waitFor();
    expect(await card.getByText("Camille Durand", { exact: true }).count()).toBe(1);
    expect(
      await card.getByRole("link", { name: "Open in Google Maps", exact: true }).getAttribute("href"),
    ).toBe(`https://www.google.com/maps/search/?api=1&query=${LYON.latitude},${LYON.longitude}`);
    await card.getByRole("button", { name: "Start", exact: true }).click();
    await card.getByText("In progress", { exact: true }).waitFor();
    await card.getByRole("button", { name: "Fill in the report", exact: true }).click();
    const report = phone.getByRole("dialog", { name: "Report for A000002", exact: true });
    await report.getByRole("radio", { name: "OK", exact: true }).check();
    await report.getByRole("button", { name: "Submit the report", exact: true }).click();
    await report.waitFor({ state: "detached" });
    await card.getByText("Completed", { exact: true }).waitFor();
    expect(await card.getByRole("button").count()).toBe(0);
    await phoneContext.close();

    // The planner reads the history of the reported visit and of the placed one.
    await page.goto(`${server.url}/bu/${organization.businessUnitId}/activities/${reportVisitId}`);
    await page.getByRole("heading", { name: "A000002 · Entretien", exact: true, level: 1 }).waitFor();
    expect(await historyHeadings(page)).toEqual([
      "Created by Ada Admin",
      "Scheduled by Ada Admin",
      "Started by Léa Tech",
      "Closed by Léa Tech",
    ]);
    const history = page.getByRole("region", { name: "History", exact: true });
    const entries = history.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3 }) });
    expect(await entries.nth(2).getByRole("list").getByRole("listitem").allTextContents()).toEqual([
      "Status: Pending → In progress",
    ]);
    expect(await entries.nth(3).getByRole("list").getByRole("listitem").allTextContents()).toEqual([
      "Status: In progress → Completed",
      "Result: (none) → OK",
      "Report: (none) → 3 answers",
    ]);

    await page.goto(`${server.url}/bu/${organization.businessUnitId}/activities/${pauls}`);
    await page.getByRole("heading", { name: "A000003 · Entretien", exact: true, level: 1 }).waitFor();
    expect(await historyHeadings(page)).toEqual([
      "Created by Ada Admin",
      "Scheduled by Ada Admin",
      "Scheduled by Ada Admin",
    ]);
    expect(await page.getByRole("link", { name: "Paul Martin", exact: true }).getAttribute("href")).toBe(
      `/bu/${organization.businessUnitId}/customers/${await customerIdOf(page, pauls)}`,
    );

    await watcherContext.close();
    await plannerContext.close();
  });
});

/** Reads the customer id of an activity through the API, with the page's session. */
async function customerIdOf(page: Page, activityId: string): Promise<string> {
  const response = await page.request.get(
    `${server.url}/api/business-units/${organization.businessUnitId}/activities/${activityId}`,
  );
  expect(response.status()).toBe(200);
  return ((await response.json()) as { customer: { id: string } }).customer.id;
}
