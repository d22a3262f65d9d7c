import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addTestMember,
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

/**
 * Three weeks of leave, Monday 3 to Sunday 23 June 2030, in the Paris business unit. The dates
 * are years ahead, so the leave stays in the worker's record (the API lists a year back) and the
 * test does not depend on today's date. Whit Monday, 10 June 2030, is a French public holiday
 * inside the leave.
 */
const LEAVE_FIRST_DAY = "2030-06-03";
const DAY_AFTER_LEAVE = "2030-06-24";

let database: E2eDatabase;
let server: RunningServer;
let browser: Browser;
let organization: TestOrganization;
let worker: { id: string; email: string };

beforeAll(async () => {
  database = e2eDatabase();
  ({ organization, worker } = await database.prepare(async (context) => {
    const organization = await createTestOrganization(context);
    const worker = await addTestMember(context, organization, ["field_worker"], {
      name: "Noé Field",
      passwordChosen: true,
    });
    return { organization, worker };
  }));
  server = await startServer(database.environment);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  database?.cleanup();
});

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto(`${server.url}/login`);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  // The home page's heading, in whichever language the account uses.
  await page.waitForURL(/\/bu\//);
  await page.getByRole("heading", { level: 1 }).waitFor();
}

/** Reads JSON from the API with the browser page's session cookie. */
async function readApi<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(
    `${server.url}/api/business-units/${organization.businessUnitId}${path}`,
  );
  expect(response.status()).toBe(200);
  return (await response.json()) as T;
}

interface WorkerRecord {
  configured: boolean;
  baseAddressLine1: string | null;
  basePostcode: string | null;
  baseCity: string | null;
  baseLatitude: number | null;
  baseLongitude: number | null;
  weeklyHours: unknown;
  skills: { name: string; level: number }[];
  unavailabilities: { start: string; end: string; reason: string }[];
}

interface DayRecord {
  date: string;
  working: unknown[];
  blocked: { reason: string; unavailabilityReason?: string; label?: string }[];
}

/**
 * Picks a time in a time list by keyboard: typing filters the list and highlights the first
 * match, and Enter selects it. Clicking the option raced with the list scrolling it into view.
 */
async function chooseTime(page: Page, input: Locator, time: string): Promise<void> {
  await input.click();
  await input.fill(time);
  await page.getByRole("option", { name: time, exact: true }).waitFor();
  await input.press("Enter");
  await expect.poll(() => input.inputValue()).toBe(time);
}

/** Returns the texts of the parts listed for one day of the availability strip. */
async function dayParts(page: Page, dayHeading: string): Promise<string[]> {
  const day: Locator = page.getByRole("listitem", { name: dayHeading, exact: true });
  await day.waitFor();
  return day.getByRole("listitem").allTextContents();
}

describe("team screens", () => {
  it("admin sets up worker with leave", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, organization.admin.email);

    await page.getByRole("link", { name: "Team", exact: true }).click();
    await page.getByRole("heading", { name: "Team", exact: true, level: 1 }).waitFor();
    await page.getByRole("link", { name: "Noé Field", exact: true }).waitFor();
    const row = page
      .getByRole("row")
      .filter({ has: page.getByRole("link", { name: "Noé Field", exact: true }) });
    expect(await row.getByRole("cell").allTextContents()).toEqual([
      "No base address",
      "No skills",
      "Mon–Fri 08:00–17:00Default hours",
    ]);

    await page.getByLabel("New skill", { exact: true }).fill("Gas boiler");
    await page.getByRole("button", { name: "Add skill", exact: true }).click();
    await page.getByRole("button", { name: "Rename Gas boiler", exact: true }).waitFor();

    await page.getByRole("link", { name: "Noé Field", exact: true }).click();
    await page.getByRole("heading", { name: "Noé Field", exact: true, level: 1 }).waitFor();

    // Profile: base address with coordinates.
    const profile = page.getByRole("tabpanel", { name: "Profile", exact: true });
    await profile.getByLabel("Address line 1", { exact: true }).fill("12 Rue Oberkampf");
    await profile.getByLabel("Postcode", { exact: true }).fill("75011");
    await profile.getByLabel("City", { exact: true }).fill("Paris");
    await profile.getByLabel("Latitude", { exact: true }).fill("48.8655");
    await profile.getByLabel("Longitude", { exact: true }).fill("2.3787");
    await profile.getByRole("button", { name: "Save", exact: true }).click();
    await expect
      .poll(async () => (await readApi<WorkerRecord>(page, `/workers/${worker.id}`)).baseCity)
      .toBe("Paris");
    const afterProfile = await readApi<WorkerRecord>(page, `/workers/${worker.id}`);
    expect(afterProfile.baseAddressLine1).toBe("12 Rue Oberkampf");
    expect(afterProfile.basePostcode).toBe("75011");
    expect(afterProfile.baseLatitude).toBe(48.8655);
    expect(afterProfile.baseLongitude).toBe(2.3787);

    // Working hours: Saturday mornings, and a lunch break that must fit every working day.
    await page.getByRole("tab", { name: "Working hours", exact: true }).click();
    const hours = page.getByRole("tabpanel", { name: "Working hours", exact: true });
    const saturday = hours.getByRole("group", { name: "Saturday", exact: true });
    await saturday.getByRole("checkbox", { name: "Works this day", exact: true }).check();
    const saturdayEnd = saturday.getByRole("combobox", { name: "End of range 1", exact: true });
    await chooseTime(
      page,
      saturday.getByRole("combobox", { name: "Start of range 1", exact: true }),
      "09:00",
    );
    await chooseTime(page, saturdayEnd, "12:00");
    await chooseTime(page, hours.getByRole("combobox", { name: "Lunch start", exact: true }), "12:30");
    await chooseTime(page, hours.getByRole("combobox", { name: "Lunch end", exact: true }), "13:30");
    await hours.getByRole("button", { name: "Save", exact: true }).click();
    const lunchError = hours.getByText("The lunch break is outside the hours of Saturday.", { exact: false });
    expect(await lunchError.textContent()).toBe(
      "The lunch break is outside the hours of Saturday. Move it inside the hours of every working day.",
    );

    await chooseTime(page, saturdayEnd, "14:00");
    await hours.getByRole("button", { name: "Save", exact: true }).click();
    await expect
      .poll(async () => (await readApi<WorkerRecord>(page, `/workers/${worker.id}`)).configured)
      .toBe(true);
    const weekday = [{ start: "08:00", end: "17:00" }];
    expect((await readApi<WorkerRecord>(page, `/workers/${worker.id}`)).weeklyHours).toEqual({
      days: {
        "1": weekday,
        "2": weekday,
        "3": weekday,
        "4": weekday,
        "5": weekday,
        "6": [{ start: "09:00", end: "14:00" }],
        "7": [],
      },
      lunch: { start: "12:30", end: "13:30" },
    });

    // Skills: Gas boiler at level 3.
    await page.getByRole("tab", { name: "Skills", exact: true }).click();
    const skills = page.getByRole("tabpanel", { name: "Skills", exact: true });
    await skills.getByRole("checkbox", { name: "Gas boiler", exact: true }).check();
    await skills
      .getByRole("radiogroup", { name: "Level of Gas boiler", exact: true })
      .getByRole("radio", { name: "3", exact: true })
      .check();
    await skills.getByRole("button", { name: "Save", exact: true }).click();
    await expect
      .poll(async () => (await readApi<WorkerRecord>(page, `/workers/${worker.id}`)).skills)
      .toEqual([{ skillId: expect.any(String), name: "Gas boiler", level: 3 }]);

    // Unavailabilities: three weeks of leave as whole days in Europe/Paris.
    await page.getByRole("tab", { name: "Unavailabilities", exact: true }).click();
    await page.getByRole("button", { name: "Add an unavailability", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Add an unavailability for Noé Field", exact: true });
    expect(await dialog.getByText("Europe/Paris", { exact: false }).textContent()).toBe(
      "Enter dates and times in the time zone of the business unit: Europe/Paris (Central European Time).",
    );
    expect(await dialog.getByRole("checkbox", { name: "Whole days", exact: true }).isChecked()).toBe(true);
    await dialog.getByLabel("First day", { exact: true }).fill("03/06/2030");
    await dialog.getByLabel("First day", { exact: true }).press("Tab");
    await dialog.getByLabel("Last day", { exact: true }).fill("23/06/2030");
    await dialog.getByLabel("Last day", { exact: true }).press("Tab");
    await dialog.getByRole("button", { name: "Add unavailability", exact: true }).click();
    await dialog.waitFor({ state: "detached" });
    expect((await readApi<WorkerRecord>(page, `/workers/${worker.id}`)).unavailabilities).toEqual([
      {
        id: expect.any(String),
        start: "2030-06-02T22:00:00.000Z",
        end: "2030-06-23T22:00:00.000Z",
        reason: "leave",
      },
    ]);
    const leaveRow = page.getByRole("rowheader", { name: "3 – 23 Jun 2030 (21 whole days)", exact: true });
    await leaveRow.waitFor();

    // Availability: the strip from the first day of the leave.
    await page.getByRole("tab", { name: "Availability", exact: true }).click();
    const availability = page.getByRole("tabpanel", { name: "Availability", exact: true });
    await availability.getByLabel("First day shown", { exact: true }).fill("03/06/2030");
    await availability.getByLabel("First day shown", { exact: true }).press("Tab");
    await availability.getByRole("heading", { name: "Availability, 3 – 16 Jun 2030", exact: true }).waitFor();
    expect(await dayParts(page, "Mon 3 Jun")).toEqual([
      "08:00–12:30 On leave",
      "12:30–13:30 Lunch",
      "13:30–17:00 On leave",
    ]);
    expect(await dayParts(page, "Sat 8 Jun")).toEqual([
      "09:00–12:30 On leave",
      "12:30–13:30 Lunch",
      "13:30–14:00 On leave",
    ]);
    expect(await dayParts(page, "Sun 9 Jun")).toEqual(["Not working"]);
    expect(await dayParts(page, "Mon 10 Jun")).toEqual(["Public holiday: Whit Monday"]);

    await availability.getByRole("button", { name: "Next two weeks", exact: true }).click();
    await availability
      .getByRole("heading", { name: "Availability, 17 – 30 Jun 2030", exact: true })
      .waitFor();
    expect(await dayParts(page, "Fri 21 Jun")).toEqual([
      "08:00–12:30 On leave",
      "12:30–13:30 Lunch",
      "13:30–17:00 On leave",
    ]);
    expect(await dayParts(page, "Mon 24 Jun")).toEqual([
      "08:00–12:30 Working",
      "12:30–13:30 Lunch",
      "13:30–17:00 Working",
    ]);

    // The scheduler's view: no working time on any day of the leave, and work again after it.
    const days = await readApi<DayRecord[]>(
      page,
      `/workers/${worker.id}/availability?from=${LEAVE_FIRST_DAY}&to=${DAY_AFTER_LEAVE}`,
    );
    expect(days).toHaveLength(22);
    for (const day of days.slice(0, 21)) {
      expect(day.working, day.date).toEqual([]);
    }
    const workingDaysOfLeave = days
      .slice(0, 21)
      .filter((day) => day.blocked.some((blocked) => blocked.reason === "unavailable"))
      .map((day) => day.date);
    expect(workingDaysOfLeave).toEqual([
      "2030-06-03",
      "2030-06-04",
      "2030-06-05",
      "2030-06-06",
      "2030-06-07",
      "2030-06-08",
      "2030-06-11",
      "2030-06-12",
      "2030-06-13",
      "2030-06-14",
      "2030-06-15",
      "2030-06-17",
      "2030-06-18",
      "2030-06-19",
      "2030-06-20",
      "2030-06-21",
      "2030-06-22",
    ]);
    expect(days[7]?.blocked).toEqual([
      expect.objectContaining({ reason: "public_holiday", label: "Whit Monday" }),
    ]);
    expect(days[21]?.date).toBe(DAY_AFTER_LEAVE);
    expect(days[21]?.working).toHaveLength(2);

    // The same strip in French.
    await page.getByRole("radio", { name: "Français", exact: true }).check();
    await page.getByRole("tab", { name: "Disponibilité", exact: true }).waitFor();
    await page.getByRole("button", { name: "Deux semaines précédentes", exact: true }).click();
    await page.getByRole("heading", { name: "Disponibilité, 3–16 juin 2030", exact: true }).waitFor();
    expect(await dayParts(page, "lun. 3 juin")).toEqual([
      "08:00–12:30 En congé",
      "12:30–13:30 Déjeuner",
      "13:30–17:00 En congé",
    ]);

    // A latitude typed with a decimal comma, as French users write it.
    await page.getByRole("tab", { name: "Profil", exact: true }).click();
    const latitude = page
      .getByRole("tabpanel", { name: "Profil", exact: true })
      .getByLabel("Latitude", { exact: true });
    await latitude.fill("");
    await latitude.pressSequentially("48,8566");
    await page.getByRole("button", { name: "Enregistrer", exact: true }).click();
    await expect
      .poll(async () => (await readApi<WorkerRecord>(page, `/workers/${worker.id}`)).baseLatitude)
      .toBe(48.8566);
    expect(await latitude.inputValue()).toBe("48,8566");
    await context.close();
  });

  it("field workers get no access", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, worker.email);
    await page.getByRole("link", { name: "Home", exact: true }).waitFor();

    expect(await page.getByRole("link", { name: "Team", exact: true }).count()).toBe(0);
    await page.goto(`${server.url}/bu/${organization.businessUnitId}/team`);
    const alert = page.getByRole("status").filter({ hasText: "You need the admin or planner role" });
    await alert.waitFor();
    expect(await alert.textContent()).toBe(
      `You need the admin or planner roleOnly administrators and planners of Paris ${organization.suffix} can open this page. Ask an administrator to give you one of these roles if you need it.`,
    );

    await page.goto(`${server.url}/bu/${organization.businessUnitId}/team/${worker.id}`);
    await page.getByRole("status").filter({ hasText: "You need the admin or planner role" }).waitFor();
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Field worker");
    expect(await page.getByRole("link", { name: "Back to the team", exact: true }).count()).toBe(0);
    await context.close();
  });

  it("team list fits 375 px", async () => {
    const context = await newContext(browser, { width: 375 });
    const page = await context.newPage();
    await signIn(page, organization.admin.email);

    await page.goto(`${server.url}/bu/${organization.businessUnitId}/team`);
    await page.getByRole("link", { name: "Noé Field", exact: true }).waitFor();
    // A string, because the test code is type-checked without the DOM library.
    const pageWidth = await page.evaluate<number>("document.documentElement.scrollWidth");
    expect(pageWidth).toBe(375);
    await context.close();
  });
});
