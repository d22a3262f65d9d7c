import { DateTime } from "luxon";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
/** The customer: Place Bellecour, Lyon. */
const CUSTOMER = { latitude: 45.7578, longitude: 4.832 };
/** About 1 km of latitude. */
const KM = 0.009;
/**
 * Four field workers whose bases lie 1, 3, 8 and 20 km north of the customer. With the default
 * score, the nearer the base the better the best slot, so the ranking is the order of this list.
 */
const WORKERS = [
  { name: "Léa Martin", km: 1 },
  { name: "Hugo Petit", km: 3 },
  { name: "Inès Moreau", km: 8 },
  { name: "Paul Girard", km: 20 },
];

/** A slot as the assistant's API returns it, with only the fields that the test reads. */
interface ApiSlot {
  workerId: string;
  workerName: string;
  date: string;
  start: string;
  end: string;
  addedMinutes: number;
  grade: "green" | "orange";
}

interface ApiSuggestions {
  best: ApiSlot[];
  days: { date: string; slots: ApiSlot[] }[];
}

/**
 * Returns the next Monday in Paris after today, or a later one when it is a French public
 * holiday, because a holiday would add its own reason to the manual check.
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

let database: E2eDatabase;
let server: RunningServer;
let browser: Browser;
let organization: TestOrganization;
let planner: { id: string; email: string };
/** Unscheduled "Entretien" visits at the customer's: A000001, A000002 and A000003. */
const activityIds: string[] = [];
/** A000004, at a customer without coordinates. */
let unlocatedActivityId = "";
/** Activity type "Entretien", 60 minutes. */
let typeId = "";

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
  let workerIds: string[] = [];
  let customerId = "";
  let unlocatedCustomerId = "";
  ({ organization, planner, workerIds, customerId, unlocatedCustomerId } = await database.prepare(
    async (context) => {
      const organization = await createTestOrganization(context);
      const planner = await addTestMember(context, organization, ["planner"], {
        name: "Pia Planner",
        passwordChosen: true,
      });
      const workerIds: string[] = [];
      for (const worker of WORKERS) {
        workerIds.push(
          (await addTestMember(context, organization, ["field_worker"], { name: worker.name })).id,
        );
      }
      const customer = await createTestCustomer(context, organization, {
        reference: "C-CAMILLE",
        displayName: "Camille Durand",
        ...CUSTOMER,
      });
      const unlocated = await createTestCustomer(context, organization, {
        reference: "C-PAUL",
        displayName: "Paul Martin",
        latitude: null,
        longitude: null,
      });
      return { organization, planner, workerIds, customerId: customer.id, unlocatedCustomerId: unlocated.id };
    },
  ));
  server = await startServer(database.environment);
  browser = await launchBrowser();

  const cookie = await apiSignIn(organization.admin.email);
  const day = [{ start: "08:00", end: "18:00" }];
  for (const [index, worker] of WORKERS.entries()) {
    await callApi(cookie, "PATCH", `/workers/${workerIds[index]}`, {
      baseAddressLine1: `${worker.km} km north of Bellecour`,
      basePostcode: "69000",
      baseCity: "Lyon",
      baseLatitude: CUSTOMER.latitude + worker.km * KM,
      baseLongitude: CUSTOMER.longitude,
      weeklyHours: { days: { "1": day, "2": day, "3": day, "4": day, "5": day, "6": [], "7": [] } },
    });
  }
  const type = await callApi<{ id: string }>(cookie, "POST", "/activity-types", {
    name: "Entretien",
    colour: "#e8590c",
    defaultDurationMinutes: 60,
  });
  typeId = type.id;
  for (let count = 0; count < 3; count++) {
    const activity = await callApi<{ id: string }>(cookie, "POST", "/activities", {
      activityTypeId: type.id,
      customerId,
    });
    activityIds.push(activity.id);
  }
  const unlocated = await callApi<{ id: string }>(cookie, "POST", "/activities", {
    activityTypeId: type.id,
    customerId: unlocatedCustomerId,
  });
  unlocatedActivityId = unlocated.id;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  database?.cleanup();
});

async function signIn(width?: number): Promise<Page> {
  const context = await newContext(browser, width ? { width } : {});
  const page = await context.newPage();
  await page.goto(`${server.url}/login`);
  await page.getByLabel("Email", { exact: true }).fill(planner.email);
  await page.getByLabel("Password", { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL(/\/bu\//);
  await page.getByRole("heading", { level: 1 }).waitFor();
  return page;
}

/** Opens the activity page, then the assistant with its button, and waits for its heading. */
async function openAssistant(page: Page, index: number, activityId = activityIds[index]): Promise<void> {
  const reference = `A00000${index + 1}`;
  await page.goto(`${server.url}/bu/${organization.businessUnitId}/activities/${activityId}`);
  await page.getByRole("heading", { name: `${reference} · Entretien`, exact: true, level: 1 }).waitFor();
  await page.getByRole("button", { name: "Schedule with the assistant", exact: true }).click();
  await page.getByRole("heading", { name: `Schedule ${reference}`, exact: true, level: 1 }).waitFor();
}

/**
 * Reads the suggestions of the seven days from `from` through the API with the page's session,
 * as the screen loads them.
 */
async function suggestionsOf(page: Page, index: number, from: string): Promise<ApiSuggestions> {
  const start = DateTime.fromISO(from, { zone: ZONE });
  const to = start.plus({ days: 6 }).toISODate();
  const response = await page.request.get(
    `${server.url}/api/business-units/${organization.businessUnitId}/activities/${activityIds[index]}/assistant?from=${start.toISODate()}&to=${to}`,
  );
  expect(response.status()).toBe(200);
  return (await response.json()) as ApiSuggestions;
}

/**
 * Shows the next seven days with "Next week" and returns their first date. Every slot there is
 * in the future, so the slots stay the same while the test reads them, whatever the time now.
 */
async function showNextWeek(page: Page): Promise<string> {
  const from = DateTime.now().setZone(ZONE).plus({ days: 7 }).toISODate() ?? "";
  await page.getByRole("button", { name: "Next week", exact: true }).click();
  await page.waitForURL(new RegExp(`from=${from}`));
  return from;
}

/** Returns the first slot of the table: the best slot of the first day that has any. */
function firstTableSlot(suggestions: ApiSuggestions): ApiSlot {
  const slot = suggestions.days.find((day) => day.slots.length > 0)?.slots[0];
  expect(slot, "no day of the week has a slot").toBeDefined();
  return slot!;
}

const timeFormat = new Intl.DateTimeFormat("en-GB", { timeStyle: "short", timeZone: ZONE });

/** Formats a calendar date as the slot buttons read it, such as "Thursday 11 June". */
function longDay(date: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    weekday: "long",
    day: "numeric",
    month: "long",
    timeZone: "UTC",
  }).format(new Date(`${date}T00:00:00Z`));
}

/** Returns the accessible name that the screen gives a slot button, as en-GB formats it. */
function slotLabel(slot: ApiSlot): string {
  const day = longDay(slot.date);
  const minutes = slot.addedMinutes === 1 ? "minute" : "minutes";
  return `Schedule ${day} ${timeFormat.format(new Date(slot.start))} with ${slot.workerName}, ${slot.grade}, adds ${slot.addedMinutes} ${minutes}`;
}

/** Reads an activity's placement through the API with the page's session. */
async function activityOf(
  page: Page,
  activityId: string,
): Promise<{ assigneeName: string; startAt: string; endAt: string; date: string }> {
  const response = await page.request.get(
    `${server.url}/api/business-units/${organization.businessUnitId}/activities/${activityId}`,
  );
  expect(response.status()).toBe(200);
  const activity = (await response.json()) as {
    assignee: { name: string } | null;
    startAt: string | null;
    endAt: string | null;
  };
  expect(activity.assignee, "the activity has no worker").not.toBeNull();
  expect(activity.startAt, "the activity has no start").not.toBeNull();
  const startAt = activity.startAt!;
  return {
    assigneeName: activity.assignee!.name,
    startAt,
    endAt: activity.endAt!,
    date: DateTime.fromISO(startAt, { zone: ZONE }).toISODate()!,
  };
}

/** Returns the "Scheduled time" of the activity page for a slot, such as "Thu 11 Jun 2026, 09:30–10:30 (Europe/Paris)". */
function scheduledTime(slot: Pick<ApiSlot, "start" | "end">): string {
  const day = new Intl.DateTimeFormat("en-GB", {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: ZONE,
  }).format(new Date(slot.start));
  const range = `${timeFormat.format(new Date(slot.start))}–${timeFormat.format(new Date(slot.end))}`;
  return `${day}, ${range} (${ZONE})`;
}

/** Returns the value of one labelled fact of the activity page. */
function fact(page: Page, label: string): Locator {
  return page
    .locator("dl > div")
    .filter({ has: page.locator("dt", { hasText: new RegExp(`^${label}$`) }) })
    .locator("dd");
}

/** Confirms the slot in the dialog and waits for the activity page. */
async function confirmSlot(page: Page, reference: string, slot: ApiSlot): Promise<void> {
  const dialog = page.getByRole("dialog", { name: `Confirm the slot for ${reference}`, exact: true });
  await dialog.waitFor();
  await dialog.getByRole("button", { name: "Schedule", exact: true }).click();
  await page.getByRole("heading", { name: `${reference} · Entretien`, exact: true, level: 1 }).waitFor();
  await fact(page, "Scheduled time")
    .filter({ hasText: scheduledTime(slot) })
    .waitFor();
}

describe("scheduling assistant", () => {
  it("books the best slot of the week table", async () => {
    const page = await signIn();
    await openAssistant(page, 0);

    const table = page.getByRole("table");
    await table
      .getByRole("button", { name: /^Schedule / })
      .first()
      .waitFor();
    expect(await table.locator("caption").textContent()).toMatch(
      /^Best slots of each day, .+\. Times are in Europe\/Paris\.$/,
    );
    expect(await table.getByRole("rowheader").count()).toBe(7);
    expect(await table.locator('[data-grade="green"]').count()).toBeGreaterThan(0);

    const best = firstTableSlot(await suggestionsOf(page, 0, await showNextWeek(page)));
    expect(best.workerName).toBe("Léa Martin");
    expect(best.grade).toBe("green");
    await table.getByRole("button", { name: slotLabel(best), exact: true }).waitFor();
    const firstButton = table.getByRole("button", { name: /^Schedule / }).first();
    expect(await firstButton.getAttribute("aria-label")).toBe(slotLabel(best));

    await page.getByRole("tab", { name: "Top 3 field workers", exact: true }).click();
    const cards = page.getByRole("article");
    await cards.first().waitFor();
    expect(await cards.getByRole("heading", { level: 3 }).allTextContents()).toEqual([
      "1. Léa Martin",
      "2. Hugo Petit",
      "3. Inès Moreau",
    ]);

    await page.getByRole("tab", { name: "Best slots", exact: true }).click();
    await table.getByRole("button", { name: slotLabel(best), exact: true }).click();
    await confirmSlot(page, "A000001", best);
    expect(await fact(page, "Worker").textContent()).toBe("Léa Martin");
    expect(await fact(page, "Scheduled time").textContent()).toBe(scheduledTime(best));
    await page.context().close();
  });

  it("explains a manual time outside working hours", async () => {
    const page = await signIn();
    await openAssistant(page, 1);
    await page.getByRole("tab", { name: "Manual choice", exact: true }).click();

    const workerInput = page.getByRole("combobox", { name: "Field worker", exact: true });
    await workerInput.click();
    await workerInput.fill("Hugo");
    await page.getByRole("option", { name: "Hugo Petit", exact: true }).click();
    const date = page.getByLabel("Date", { exact: true });
    await date.fill(futureMonday(DateTime.now()).toFormat("dd/MM/yyyy"));
    await date.press("Tab");
    const time = page.getByRole("combobox", { name: "Start time", exact: true });
    await time.click();
    await time.fill("22:00");
    await page.getByRole("option", { name: "22:00", exact: true }).waitFor();
    await time.press("Enter");

    const verdict = page.locator('[data-grade="red"]').filter({ hasText: "Not suitable" });
    await verdict.waitFor();
    expect(await verdict.getByRole("listitem").allTextContents()).toEqual(["Outside working hours"]);

    // "Schedule" shows the warning for confirmation, and nothing is placed until "Schedule anyway".
    await page.getByRole("button", { name: "Schedule", exact: true }).click();
    const warnings = page.getByRole("alert").filter({ hasText: "This placement has warnings" });
    await warnings.waitFor();
    expect(await warnings.getByRole("listitem").allTextContents()).toEqual([
      "The visit falls outside the worker's working hours.",
    ]);
    expect(await page.getByRole("button", { name: "Schedule anyway", exact: true }).count()).toBe(1);
    await page.context().close();
  });

  it("offers fresh slots when the chosen one was taken", async () => {
    const page = await signIn();
    await openAssistant(page, 1);
    const table = page.getByRole("table");
    await table
      .getByRole("button", { name: /^Schedule / })
      .first()
      .waitFor();
    const takenSlot = firstTableSlot(await suggestionsOf(page, 1, await showNextWeek(page)));
    await table.getByRole("button", { name: slotLabel(takenSlot), exact: true }).waitFor();

    // Another planner places A000003 on that slot while this screen still shows it.
    const cookie = await apiSignIn(organization.admin.email);
    await callApi(cookie, "POST", `/activities/${activityIds[2]}/schedule`, {
      assigneeId: takenSlot.workerId,
      startAt: takenSlot.start,
    });

    await table.getByRole("button", { name: slotLabel(takenSlot), exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Confirm the slot for A000002", exact: true });
    await dialog.getByRole("button", { name: "Schedule", exact: true }).click();
    const conflict = dialog.getByRole("alert").filter({ hasText: "This time is taken" });
    await conflict.waitFor();
    expect(await conflict.getByText("The worker already has", { exact: false }).textContent()).toBe(
      "The worker already has A000003 at this time. Two visits of one worker cannot overlap: choose another time or worker.",
    );
    const fresh = conflict.getByRole("button", { name: /^Schedule / });
    expect(await fresh.count()).toBeGreaterThan(0);
    expect(
      await conflict.getByRole("button", { name: slotLabel(takenSlot), exact: true }).count(),
      "the taken slot is offered again",
    ).toBe(0);

    // Booking the first fresh slot places the visit at the day, time and worker that its button names.
    const freshLabel = (await fresh.first().getAttribute("aria-label")) ?? "";
    const parts =
      /^Schedule (.+) (\d\d:\d\d) with (.+), (green|orange), (adds \d+ minutes?|travel unknown)$/.exec(
        freshLabel,
      );
    expect(parts, freshLabel).not.toBeNull();
    const [, freshDay, freshTime, freshWorker] = parts!;
    await fresh.first().click();
    const dialogAgain = page.getByRole("dialog", { name: "Confirm the slot for A000002", exact: true });
    await dialogAgain.getByRole("button", { name: "Schedule", exact: true }).click();
    await page.getByRole("heading", { name: "A000002 · Entretien", exact: true, level: 1 }).waitFor();
    await fact(page, "Worker").filter({ hasText: freshWorker! }).waitFor();

    const placed = await activityOf(page, activityIds[1]!);
    const placedSlot = { date: placed.date, start: placed.startAt, end: placed.endAt };
    expect(placed.assigneeName).toBe(freshWorker);
    expect(longDay(placed.date)).toBe(freshDay);
    expect(timeFormat.format(new Date(placed.startAt))).toBe(freshTime);
    expect(await fact(page, "Scheduled time").textContent()).toBe(scheduledTime(placedSlot));
    await page.context().close();
  });

  it("lists the days one under another on a phone", async () => {
    const page = await signIn(375);
    await openAssistant(page, 1);
    expect(await page.getByRole("table").count()).toBe(0);
    const days = page.getByRole("main").getByRole("region");
    await days.first().waitFor();
    expect(await days.count()).toBe(7);
    expect(await page.locator('[data-grade="green"]').count()).toBeGreaterThan(0);
    await page.context().close();
  });

  it("warns that travel is unknown without coordinates", async () => {
    const page = await signIn();
    await openAssistant(page, 3, unlocatedActivityId);
    const notice = page.getByRole("status").filter({ hasText: "Travel is unknown" });
    await notice.waitFor();
    expect(await notice.textContent()).toBe(
      "Travel is unknownThe activity's address has no coordinates, so travel to it is unknown and counted as zero. The slots are ranked without travel.",
    );
    const slots = page.getByRole("table").getByRole("button", { name: /^Schedule / });
    await slots.first().waitFor();
    expect(await slots.first().getAttribute("aria-label")).toMatch(/, green, travel unknown$/);
    expect(await slots.first().getByText("Travel unknown", { exact: true }).count()).toBe(1);
    await page.context().close();
  });

  // Runs last: a different green threshold would change the grades that the tests above read.
  it("saves scheduling settings and policy", async () => {
    const context = await newContext(browser);
    const admin = await context.newPage();
    await admin.goto(`${server.url}/login`);
    await admin.getByLabel("Email", { exact: true }).fill(organization.admin.email);
    await admin.getByLabel("Password", { exact: true }).fill(TEST_PASSWORD);
    await admin.getByRole("button", { name: "Sign in", exact: true }).click();
    await admin.waitForURL(/\/bu\//);
    await admin.goto(`${server.url}/bu/${organization.businessUnitId}/settings?tab=scheduling`);
    const threshold = admin.getByRole("textbox", { name: "Green threshold", exact: true });
    await threshold.waitFor();
    expect(await threshold.inputValue()).toBe("70");

    await threshold.fill("101");
    await admin.getByRole("button", { name: "Save", exact: true }).click();
    await admin.getByText("Enter a number from 0 to 100.", { exact: true }).waitFor();

    await threshold.fill("80");
    await admin.getByRole("button", { name: "Save", exact: true }).click();
    await admin.getByText("Settings saved.", { exact: true }).waitFor();
    const response = await admin.request.get(
      `${server.url}/api/business-units/${organization.businessUnitId}/scheduling-settings`,
    );
    expect(((await response.json()) as { score: { greenFrom: number } }).score.greenFrom).toBe(80);

    // The booking policy of the activity type is edited in the catalog.
    await admin.goto(`${server.url}/bu/${organization.businessUnitId}/catalog/${typeId}?tab=bookingPolicy`);
    const choices = admin.getByRole("textbox", { name: "Choices offered", exact: true });
    await choices.waitFor();
    expect(await choices.inputValue()).toBe("6");
    await choices.fill("3");
    const showWorker = admin.getByRole("switch", { name: /^Show the field worker's name/ });
    await showWorker.check();
    await admin.getByRole("button", { name: "Save", exact: true }).click();
    await admin.getByText("Booking policy saved.", { exact: true }).waitFor();
    const policyResponse = await admin.request.get(
      `${server.url}/api/business-units/${organization.businessUnitId}/activity-types/${typeId}/booking-policy`,
    );
    const policy = (await policyResponse.json()) as { choices: number; showWorker: boolean };
    expect(policy.choices).toBe(3);
    expect(policy.showWorker).toBe(true);
    await context.close();

    const page = await signIn();
    await page.goto(`${server.url}/bu/${organization.businessUnitId}/settings`);
    await page.getByRole("heading", { name: "Scheduling", exact: true, level: 2 }).waitFor();
    const readOnly = page.getByRole("textbox", { name: "Green threshold", exact: true });
    await readOnly.waitFor();
    expect(await readOnly.inputValue()).toBe("80");
    expect(await readOnly.getAttribute("readonly")).not.toBeNull();
    expect(await page.getByRole("button", { name: "Save", exact: true }).count()).toBe(0);
    await page.context().close();
  });
});
