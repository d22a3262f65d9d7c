import { randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { DateTime } from "luxon";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addTestMember,
  createTestOrganization,
  TEST_PASSWORD,
  type TestOrganization,
} from "../helpers/factories.js";
import { type E2eDatabase, e2eDatabase, launchBrowser, type RunningServer, startServer } from "./harness.js";

/**
 * The customer portal's actions from end to end, on a real server and database. An admin adds
 * "Ask to reschedule" with two conditions in the back office. The other actions and the booking
 * policy are set through the staff API. The customer signs in with the code from the outbox and
 * books a visit, which a planner's open team schedule shows without a reload. The customer's
 * rescheduling request for that visit then shows in the planner's "Portal activity". The customer
 * cancels another visit, and the page and the API reject the cancellation of a third one inside
 * the 24-hour cut-off. An action whose condition fails is neither offered nor run. Staff close a
 * visit, and the customer answers the survey that this creates. axe-core checks the action
 * screens and the back-office screens at 375 px wide.
 */

const ZONE = "Europe/Paris";
const PHONE_WIDTH = 375;
const COMPANY = "Chauffage Durand";
const LYON = { latitude: 45.7631, longitude: 4.8336 };
const ADDRESS = "8 Rue Mercière, 69002 Lyon";
const CUSTOMER_NAME = "Camille Durand";
const MAINTENANCE = "Entretien chaudière";
const BOOK_LABEL = "Book a maintenance visit";
const CANCEL_LABEL = "Cancel this visit";
const RESCHEDULE_LABEL = "Ask to reschedule";
const SURVEY_LABEL = "Answer the survey";
const SURVEY_TITLE = "How was our visit?";
/** Live updates must show a portal booking in the team schedule within this time, without a reload. */
const LIVE_UPDATE_MS = 2_000;
const CONDITIONS_SUMMARY = "Only when: state is scheduled AND starts in more than 24 h";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/**
 * Returns the script that runs axe-core on the page and returns its serious and critical
 * violations as "rule: element" lines. A string, because the test code is type-checked without
 * the DOM library.
 */
const AXE_SERIOUS_VIOLATIONS = `axe.run().then((result) => result.violations
  .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
  .flatMap((violation) => violation.nodes.map((node) => violation.id + ": " + node.target.join(" "))))`;

const EN_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const EN_MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

interface OfferWindow {
  start: string;
  end: string;
  date: string;
}

interface ActivityView {
  id: string;
  reference: string;
  activityTypeId: string;
  status: string;
  state: string;
  result: string | null;
  cancelReason: string | null;
  assignee: { id: string; name: string } | null;
  startAt: string | null;
  endAt: string | null;
  confirmedByCustomer: boolean;
  answers: Record<string, unknown>;
  closingAnswers: Record<string, unknown> | null;
  parent: { id: string } | null;
  children: { id: string; reference: string; state: string; activityTypeId: string }[];
}

interface PortalEvent {
  kind: string;
  activity: { id: string; reference: string };
  sourceActivityId: string | null;
  customer: { id: string; name: string };
  actionLabel: string;
}

/** Formats the date of an instant as the portal writes it in English, in Paris: "Monday, 8 June 2026". */
function pageDate(instant: string): string {
  const local = DateTime.fromISO(instant).setZone(ZONE);
  return `${EN_WEEKDAYS[local.weekday - 1]}, ${local.day} ${EN_MONTHS[local.month - 1]} ${local.year}`;
}

/** Formats a time range as the portal and the team schedule write it, in Paris: "08:00–10:00". */
function timeRange(start: string, end: string): string {
  const format = (instant: string) => DateTime.fromISO(instant).setZone(ZONE).toFormat("HH:mm");
  return `${format(start)}–${format(end)}`;
}

const now = DateTime.now().setZone(ZONE);
/** The visit that the customer cancels: 14:00 on next week's Thursday, well before the cut-off. */
const cancelStart = now
  .startOf("week")
  .plus({ weeks: 1, days: 3 })
  .set({ hour: 14, minute: 0, second: 0, millisecond: 0 });
/** The visit inside the 24-hour cut-offs: at the start of the hour two to three hours from now. */
const lateStart = now.plus({ hours: 3 }).startOf("hour");
/** The visit that staff close: 09:00 yesterday. */
const doneStart = now.minus({ days: 1 }).set({ hour: 9, minute: 0, second: 0, millisecond: 0 });

let database: E2eDatabase;
let server: RunningServer;
let browser: Browser;
let organization: TestOrganization;
let planner = { id: "", email: "" };
let worker = { id: "", email: "" };
let staffCookie = "";
let slug = "";
const customer = { id: "", email: "" };
/** "Entretien chaudière": the visits, with the home, cancel and reschedule actions. */
let maintenanceTypeId = "";
/** "Demande de report": the type of the linked request that "Ask to reschedule" creates. */
let requestTypeId = "";
/** "Enquête de satisfaction": the follow-up of a maintenance visit, closed by "Answer the survey". */
let surveyTypeId = "";
const actionIds = { book: "", cancel: "", reschedule: "", survey: "" };
/** The visit that the customer cancels (A000001). */
let cancelVisit = { id: "", reference: "" };
/** The visit inside the cut-offs (A000002). */
let lateVisit = { id: "", reference: "" };
/** The visit that the customer books (A000003), and the arrival window that they chose. */
let bookedVisit = { id: "", reference: "" };
let bookedWindow: OfferWindow = { start: "", end: "", date: "" };

let adminPage: Page;
let plannerPage: Page;
let customerContext: BrowserContext;
let page: Page;

async function apiSignIn(email: string): Promise<string> {
  const response = await fetch(`${server.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: TEST_PASSWORD }),
  });
  expect(response.status).toBe(200);
  return (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

/** Calls the staff API of the test's business unit as the admin and returns the parsed body. */
async function staffApi<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${server.url}/api/business-units/${organization.businessUnitId}${path}`, {
    method,
    headers: { cookie: staffCookie, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  expect(response.status, `${method} ${path}: ${text}`).toBeLessThan(300);
  return (text === "" ? undefined : JSON.parse(text)) as T;
}

function activity(id: string): Promise<ActivityView> {
  return staffApi<ActivityView>("GET", `/activities/${id}`);
}

/** Creates a maintenance visit for the customer and schedules it with the worker at `start`. */
async function scheduledVisit(start: DateTime): Promise<{ id: string; reference: string }> {
  const created = await staffApi<{ id: string; reference: string }>("POST", "/activities", {
    activityTypeId: maintenanceTypeId,
    customerId: customer.id,
  });
  // A start in the past or outside working hours is a warning that staff may accept.
  await staffApi("POST", `/activities/${created.id}/schedule`, {
    assigneeId: worker.id,
    startAt: start.toISO(),
    acceptWarnings: true,
    notifyCustomer: false,
  });
  return created;
}

async function until<T>(read: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out waiting for ${what}.`);
}

/** Returns the serious and critical axe-core violations of the page. */
async function seriousViolations(target: Page): Promise<string[]> {
  // The pointer leaves the last clicked element, whose hover colours are not its resting ones.
  await target.mouse.move(0, 0);
  // A dialog that is still fading in has the contrast of its half-transparent frames. Endless
  // animations, such as a spinner's, are left out, and a canceled one counts as finished.
  await target.evaluate(`Promise.all(document.getAnimations()
    .filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity)
    .map((animation) => animation.finished.catch(() => undefined)))`);
  await target.evaluate(axeSource);
  return target.evaluate<string[]>(AXE_SERIOUS_VIOLATIONS);
}

function scrollWidth(target: Page): Promise<number> {
  return target.evaluate<number>("document.documentElement.scrollWidth");
}

/** Returns the term and description pairs of the description lists in the main region. */
function definitionPairs(target: Page): Promise<string[][]> {
  return target.evaluate<string[][]>(`[...document.querySelectorAll("main dl > div")]
    .map((row) => [row.querySelector("dt")?.textContent ?? "", row.querySelector("dd")?.textContent ?? ""])`);
}

/** Waits for the page's "What you can do" region and returns the labels of the actions it offers. */
async function offeredActions(target: Page): Promise<string[]> {
  const region = target.getByRole("region", { name: "What you can do", exact: true });
  await region.waitFor();
  return region.getByRole("link").allTextContents();
}

/** Signs a staff member in to the back office, in an English profile on Paris time. */
async function signInStaff(email: string): Promise<Page> {
  // The profile ignores the content security policy, so that axe-core can run in the page.
  const context = await browser.newContext({
    locale: "en-GB",
    timezoneId: ZONE,
    viewport: { width: 1280, height: 900 },
    bypassCSP: true,
  });
  await context.route(
    (url) => url.origin !== server.url,
    (route) => route.abort(),
  );
  context.setDefaultTimeout(10_000);
  const staffPage = await context.newPage();
  await staffPage.goto(`${server.url}/login`);
  await staffPage.getByLabel("Email", { exact: true }).fill(email);
  await staffPage.getByLabel("Password", { exact: true }).fill(TEST_PASSWORD);
  await staffPage.getByRole("button", { name: "Sign in", exact: true }).click();
  await staffPage.waitForURL(/\/bu\//);
  await staffPage.getByRole("heading", { level: 1 }).waitFor();
  return staffPage;
}

/** Runs a portal action through the API with the customer's session cookie and returns the response. */
async function runAction(typeId: string, actionId: string, body: object) {
  const response = await page.request.post(`${server.url}/portal-api/actions/${typeId}/${actionId}/run`, {
    data: body,
  });
  return {
    status: response.status(),
    body: (await response.json()) as { error?: { code: string; details?: Record<string, unknown> } },
  };
}

beforeAll(async () => {
  database = e2eDatabase();
  ({ organization, planner, worker } = await database.prepare(async (context) => {
    const organization = await createTestOrganization(context);
    const planner = await addTestMember(context, organization, ["planner"], {
      name: "Pia Planner",
      passwordChosen: true,
    });
    const worker = await addTestMember(context, organization, ["field_worker"], {
      name: "Léa Tech",
      passwordChosen: true,
    });
    return { organization, planner, worker };
  }));
  // Slugs are unique across Rondo, and a PostgreSQL test database is shared with other test files.
  slug = `journey-${organization.suffix.toLowerCase()}`;
  customer.email = `camille-${organization.suffix.toLowerCase()}@example.com`;
  // Rate-limit counters live in the database, which test files on PostgreSQL share. Behind a
  // trusted proxy the phone below sends a client address of its own.
  server = await startServer({ ...database.environment, TRUST_PROXY: "true" });
  browser = await launchBrowser();
  staffCookie = await apiSignIn(organization.admin.email);

  await staffApi("PUT", "/portal", {
    enabled: true,
    slug,
    displayName: COMPANY,
    contactPhone: "04 78 00 11 22",
    loginChannels: "email",
  });
  // The worker is based in Lyon and works weekdays from 08:00 to 18:00.
  await staffApi("PATCH", `/workers/${worker.id}`, {
    baseLatitude: LYON.latitude,
    baseLongitude: LYON.longitude,
    weeklyHours: {
      days: Object.fromEntries(
        ["1", "2", "3", "4", "5"].map((day) => [day, [{ start: "08:00", end: "18:00" }]]),
      ),
    },
  });

  const survey = await staffApi<{ id: string }>("POST", "/activity-types", {
    name: "Enquête de satisfaction",
    operatingMode: "remote",
    defaultDurationMinutes: 5,
  });
  surveyTypeId = survey.id;
  const request = await staffApi<{ id: string }>("POST", "/activity-types", {
    name: "Demande de report",
    defaultDurationMinutes: 30,
  });
  requestTypeId = request.id;
  const maintenance = await staffApi<{ id: string }>("POST", "/activity-types", {
    name: MAINTENANCE,
    colour: "#e8590c",
    defaultDurationMinutes: 60,
  });
  maintenanceTypeId = maintenance.id;
  await staffApi("PATCH", `/activity-types/${maintenanceTypeId}`, { followUpTypeId: surveyTypeId });
  await staffApi("PUT", `/activity-types/${maintenanceTypeId}/portal-display`, {
    shown: true,
    title: "Boiler maintenance {activity.reference}",
    description: "",
    longDescription: "",
  });
  await staffApi("PUT", `/activity-types/${surveyTypeId}/portal-display`, {
    shown: true,
    title: SURVEY_TITLE,
    description: "",
    longDescription: "",
  });
  // Windows start two days ahead at the earliest, so a booked visit is past the 24-hour cut-offs.
  await staffApi("PUT", `/activity-types/${maintenanceTypeId}/booking-policy`, {
    minimumNoticeMinutes: 2 * 24 * 60,
    horizonDays: 30,
    arrivalWindowMinutes: 120,
    choices: 6,
    showWorker: false,
    rescheduleCutoffHours: 24,
    cancelCutoffHours: 24,
  });

  const maintenanceActions = await staffApi<{ actions: { id: string; effect: string }[] }>(
    "PUT",
    `/activity-types/${maintenanceTypeId}/portal-actions`,
    {
      actions: [
        {
          label: { en: BOOK_LABEL, fr: "Réserver un entretien" },
          effect: "create_activity",
          targetTypeId: maintenanceTypeId,
          scheduling: true,
          form: {
            fields: [
              {
                code: "appliance",
                type: "single_choice",
                label: { en: "Appliance to service", fr: "Appareil à entretenir" },
                required: true,
                options: [
                  { value: "boiler", label: { en: "Gas boiler", fr: "Chaudière gaz" } },
                  { value: "heat_pump", label: { en: "Heat pump", fr: "Pompe à chaleur" } },
                ],
              },
            ],
          },
        },
        { label: { en: CANCEL_LABEL, fr: "Annuler cette intervention" }, effect: "cancel_activity" },
      ],
    },
  );
  actionIds.book = maintenanceActions.actions[0]?.id ?? "";
  actionIds.cancel = maintenanceActions.actions[1]?.id ?? "";
  const surveyActions = await staffApi<{ actions: { id: string }[] }>(
    "PUT",
    `/activity-types/${surveyTypeId}/portal-actions`,
    {
      actions: [
        {
          label: { en: SURVEY_LABEL, fr: "Répondre à l’enquête" },
          effect: "close_activity",
          form: {
            fields: [
              {
                code: "note",
                type: "rating",
                label: { en: "Your rating of the visit", fr: "Votre note de la visite" },
                required: true,
              },
            ],
          },
          conditions: { combinator: "and", items: [{ kind: "state", operator: "is", states: ["open"] }] },
        },
      ],
    },
  );
  actionIds.survey = surveyActions.actions[0]?.id ?? "";

  const created = await staffApi<{ id: string }>("POST", "/customers", {
    firstName: "Camille",
    lastName: "Durand",
    email: customer.email,
    addressLine1: "8 Rue Mercière",
    postcode: "69002",
    city: "Lyon",
    ...LYON,
    language: "en",
    portalAccess: true,
  });
  customer.id = created.id;
  cancelVisit = await scheduledVisit(cancelStart);
  lateVisit = await scheduledVisit(lateStart);

  adminPage = await signInStaff(organization.admin.email);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  database?.cleanup();
});

describe("customer portal journey", () => {
  it("admin adds a conditional action", async () => {
    await adminPage.goto(`${server.url}/bu/${organization.businessUnitId}/catalog/${maintenanceTypeId}`);
    await adminPage.getByRole("tab", { name: "Portal actions", exact: true }).click();
    const list = adminPage.getByRole("list", { name: "Portal actions", exact: true });
    await list.getByRole("heading", { name: CANCEL_LABEL, exact: true }).waitFor();
    expect(await list.getByRole("heading").allTextContents()).toEqual([BOOK_LABEL, CANCEL_LABEL]);

    await adminPage.getByRole("button", { name: "Add action", exact: true }).click();
    await adminPage
      .getByRole("region", { name: "Settings of “Action 3”", exact: true })
      .getByRole("textbox", { name: "Label in English", exact: true })
      .fill(RESCHEDULE_LABEL);
    const editor = adminPage.getByRole("region", { name: `Settings of “${RESCHEDULE_LABEL}”`, exact: true });
    await editor.getByRole("textbox", { name: "Label in French", exact: true }).fill("Demander un report");
    await editor.getByRole("radio", { name: "Create a linked activity", exact: true }).check();
    await editor
      .getByRole("combobox", { name: "Type of the activity to create", exact: true })
      .selectOption({ label: "Demande de report" });
    await editor.getByRole("radio", { name: "Only when conditions are met", exact: true }).check();
    await editor
      .getByRole("group", { name: "Condition 1", exact: true })
      .getByRole("checkbox", { name: "Scheduled", exact: true })
      .check();
    await editor.getByRole("button", { name: "Add condition to Conditions", exact: true }).click();
    const second = editor.getByRole("group", { name: "Condition 2", exact: true });
    await second
      .getByRole("combobox", { name: "Test of condition 2", exact: true })
      .selectOption({ label: "Appointment starts" });
    expect(
      await second.getByRole("combobox", { name: "Operator of condition 2", exact: true }).inputValue(),
    ).toBe("more_than");
    await second.getByRole("textbox", { name: "Hours from now of condition 2", exact: true }).fill("24");
    expect(await list.getByTestId("portal-action-conditions").allTextContents()).toEqual([
      "Always available",
      "Always available",
      CONDITIONS_SUMMARY,
    ]);
    // The open editor on a phone-sized screen.
    await adminPage.setViewportSize({ width: PHONE_WIDTH, height: 800 });
    expect(await editor.isVisible()).toBe(true);
    expect(await seriousViolations(adminPage)).toEqual([]);
    await adminPage.setViewportSize({ width: 1280, height: 900 });

    await adminPage.getByRole("button", { name: "Save portal actions", exact: true }).click();
    await adminPage.getByText("Portal actions saved.", { exact: true }).waitFor();
    const { actions } = await staffApi<{
      actions: {
        id: string;
        label: { en: string };
        effect: string;
        targetTypeId: string | null;
        conditions: unknown;
      }[];
    }>("GET", `/activity-types/${maintenanceTypeId}/portal-actions`);
    expect(actions.map((action) => action.id).slice(0, 2)).toEqual([actionIds.book, actionIds.cancel]);
    expect(actions.map((action) => action.label.en)).toEqual([BOOK_LABEL, CANCEL_LABEL, RESCHEDULE_LABEL]);
    const reschedule = actions[2];
    expect(reschedule?.effect).toBe("create_linked_activity");
    expect(reschedule?.targetTypeId).toBe(requestTypeId);
    expect(reschedule?.conditions).toEqual({
      combinator: "and",
      items: [
        { kind: "state", operator: "is", states: ["scheduled"] },
        { kind: "starts_in", operator: "more_than", hours: 24 },
      ],
    });
    actionIds.reschedule = reschedule?.id ?? "";

    // The saved list on a phone-sized screen.
    await adminPage.setViewportSize({ width: PHONE_WIDTH, height: 800 });
    expect(await seriousViolations(adminPage)).toEqual([]);
    await adminPage.setViewportSize({ width: 1280, height: 900 });
  });

  it("customer books a visit shown live", async () => {
    customerContext = await browser.newContext({
      locale: "en-GB",
      timezoneId: ZONE,
      viewport: { width: PHONE_WIDTH, height: 800 },
      // axe-core is injected as a script, which the portal's content security policy would block.
      bypassCSP: true,
      serviceWorkers: "block",
      extraHTTPHeaders: {
        "x-forwarded-for": `127.${randomInt(1, 255)}.${randomInt(1, 255)}.${randomInt(1, 255)}`,
      },
    });
    await customerContext.route(
      (url) => url.origin !== server.url,
      (route) => route.abort(),
    );
    customerContext.setDefaultTimeout(10_000);
    page = await customerContext.newPage();

    // The customer signs in with the code that the outbox holds.
    await page.goto(`${server.url}/portal/${slug}`);
    await page.getByLabel("Email address", { exact: true }).fill(customer.email);
    await page.getByRole("button", { name: "Send me a code", exact: true }).click();
    const sent = await until(async () => {
      const messages = await staffApi<{ id: string; event: string; recipient: string }[]>("GET", "/messages");
      return messages.find(
        (message) => message.event === "login_code" && message.recipient === customer.email,
      );
    }, "the login code message");
    const message = await staffApi<{ bodyText: string }>("GET", `/messages/${sent.id}`);
    const code = /^(\d{6})$/m.exec(message.bodyText)?.[1] ?? "";
    expect(code, message.bodyText).toMatch(/^\d{6}$/);
    await page.getByLabel("6-digit code", { exact: true }).fill(code);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Hello, Camille", exact: true }).waitFor();
    expect(await offeredActions(page)).toEqual([BOOK_LABEL]);

    await page
      .getByRole("region", { name: "What you can do", exact: true })
      .getByRole("link", { name: BOOK_LABEL, exact: true })
      .click();
    await page.getByRole("heading", { level: 1, name: BOOK_LABEL, exact: true }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/portal/actions/${maintenanceTypeId}/${actionIds.book}`);
    expect(await page.getByRole("heading", { level: 2 }).textContent()).toBe("Step 1 of 2: Your answers");
    await page.getByRole("group", { name: "Appliance to service", exact: true }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);

    await page.getByRole("radio", { name: "Gas boiler", exact: true }).check();
    await page.getByRole("button", { name: "Continue", exact: true }).click();
    await page
      .getByRole("heading", { level: 2, name: "Step 2 of 2: Choose an arrival window", exact: true })
      .waitFor();
    const offers = await page.request.get(
      `${server.url}/portal-api/actions/${maintenanceTypeId}/${actionIds.book}/offers`,
    );
    expect(offers.status()).toBe(200);
    const offer = (await offers.json()) as { timeZone: string; windows: OfferWindow[] };
    expect(offer.timeZone).toBe(ZONE);
    expect(offer.windows.length).toBeGreaterThan(0);
    const chosen = offer.windows[0] as OfferWindow;
    // The minimum notice of two days keeps every window past the cut-offs.
    expect(Date.parse(chosen.start) - Date.now()).toBeGreaterThan(2 * 24 * 3_600_000 - 60_000);
    const windows = page.getByRole("group", { name: "Arrival windows", exact: true });
    expect(await windows.getByRole("radio").count()).toBe(offer.windows.length);
    const radio = page
      .getByRole("group", { name: pageDate(chosen.start), exact: true })
      .getByRole("radio", { name: timeRange(chosen.start, chosen.end), exact: true });
    await radio.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);

    // Meanwhile a planner opens the week of that window in the team schedule.
    plannerPage = await signInStaff(planner.email);
    const week = DateTime.fromISO(chosen.start).setZone(ZONE).startOf("week").toISODate() ?? "";
    const stream = plannerPage.waitForResponse(
      (response) =>
        response.url() === `${server.url}/api/business-units/${organization.businessUnitId}/events` &&
        response.status() === 200,
    );
    await plannerPage.goto(`${server.url}/bu/${organization.businessUnitId}/schedule?view=week&date=${week}`);
    const grid = plannerPage.locator('[data-testid="schedule-grid"][data-rendered="true"]');
    await grid.waitFor();
    await stream;
    const shownBefore = await plannerPage.evaluate<string[]>(
      `[...document.querySelectorAll('[data-testid="schedule-grid"] a[data-activity-id]')]
        .map((link) => link.getAttribute("data-activity-id"))`,
    );
    // A reload would lose this mark.
    await plannerPage.evaluate("window.journeyMark = 'kept'");

    await radio.check();
    await page.getByRole("button", { name: "Book this window", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Your visit is booked", exact: true }).waitFor();
    const bookedAt = Date.now();
    const href =
      (await page.getByRole("link", { name: "See the visit", exact: true }).getAttribute("href")) ?? "";
    const bookedId = href.split("/").at(-1) ?? "";
    expect(shownBefore).not.toContain(bookedId);
    const block = grid.locator(`a[data-activity-id="${bookedId}"]`);
    await block.waitFor({ timeout: LIVE_UPDATE_MS });
    expect(Date.now() - bookedAt).toBeLessThan(LIVE_UPDATE_MS);
    expect(await plannerPage.evaluate<string | undefined>("window.journeyMark")).toBe("kept");

    const booked = await activity(bookedId);
    bookedVisit = { id: bookedId, reference: booked.reference };
    bookedWindow = chosen;
    expect(booked.reference).toBe("A000003");
    expect(booked.activityTypeId).toBe(maintenanceTypeId);
    expect(booked.answers).toEqual({ appliance: "boiler" });
    expect(booked.assignee?.id).toBe(worker.id);
    expect(booked.confirmedByCustomer).toBe(true);
    const start = Date.parse(booked.startAt ?? "");
    expect(start).toBeGreaterThanOrEqual(Date.parse(chosen.start));
    expect(start).toBeLessThan(Date.parse(chosen.end));
    expect(Date.parse(booked.endAt ?? "") - start).toBe(60 * 60_000);
    const blockName = `${timeRange(booked.startAt ?? "", booked.endAt ?? "")} ${MAINTENANCE}, ${CUSTOMER_NAME}, scheduled`;
    expect(await block.getAttribute("aria-label")).toBe(blockName);
    expect(await block.getAttribute("title")).toBe(
      `${booked.reference} · ${blockName}\n${ADDRESS}\nConfirmed by the customer`,
    );
    const confirmations = await staffApi<{ event: string }[]>("GET", `/messages?activityId=${bookedId}`);
    // Exactly one confirmation, and the reminder due before the visit.
    expect(confirmations.map((confirmation) => confirmation.event).sort()).toEqual([
      "appointment_booked",
      "appointment_reminder",
    ]);

    expect(await definitionPairs(page)).toEqual([
      ["Date", pageDate(chosen.start)],
      ["Arrival window", timeRange(chosen.start, chosen.end)],
    ]);
    await page.getByText("A confirmation has been sent to you.", { exact: true }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
  });

  it("customer asks to reschedule it", async () => {
    await page.getByRole("link", { name: "See the visit", exact: true }).click();
    const title = `Boiler maintenance ${bookedVisit.reference}`;
    await page.getByRole("heading", { level: 1, name: title, exact: true }).waitFor();
    expect(await offeredActions(page)).toEqual([CANCEL_LABEL, RESCHEDULE_LABEL]);
    const booked = await activity(bookedVisit.id);
    expect(await definitionPairs(page)).toEqual([
      ["Date", pageDate(booked.startAt ?? "")],
      ["Arrival window", timeRange(bookedWindow.start, bookedWindow.end)],
      ["Address", ADDRESS],
    ]);

    await page.getByRole("link", { name: RESCHEDULE_LABEL, exact: true }).click();
    await page.getByRole("heading", { level: 1, name: RESCHEDULE_LABEL, exact: true }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/portal/actions/${maintenanceTypeId}/${actionIds.reschedule}`);
    expect(new URL(page.url()).searchParams.get("activity")).toBe(bookedVisit.id);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Send the request", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Your request has been sent", exact: true }).waitFor();
    await page.getByText("We have received your request.", { exact: true }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    const visit = await activity(bookedVisit.id);
    expect(visit.children).toHaveLength(1);
    const [linked] = visit.children;
    expect(linked?.activityTypeId).toBe(requestTypeId);
    expect(linked?.reference).toBe("A000004");
    expect(linked?.state).toBe("unscheduled");
    expect(visit.status).toBe("pending");

    // The planner reads the request and the booking in "Portal activity", newest first.
    // The navigation's count of new events reloads every 30 seconds, so the link may not show it yet.
    await plannerPage.getByRole("link", { name: /^Portal activity/ }).click();
    await plannerPage.getByRole("heading", { level: 1, name: "Portal activity", exact: true }).waitFor();
    await plannerPage.getByRole("radio", { name: "New events (2)", exact: true }).waitFor();
    const rows = plannerPage.getByTestId("portal-event");
    await rows.nth(1).waitFor();
    expect(await rows.count()).toBe(2);
    const cellsOf = async (index: number) =>
      (await rows.nth(index).getByRole("cell").allTextContents()).slice(1, 5);
    expect(await cellsOf(0)).toEqual([
      "Requested",
      CUSTOMER_NAME,
      `${linked?.reference}Original activity`,
      RESCHEDULE_LABEL,
    ]);
    expect(await cellsOf(1)).toEqual(["Booked", CUSTOMER_NAME, bookedVisit.reference, BOOK_LABEL]);
    const requestCell = rows.nth(0).getByRole("cell").nth(3);
    expect(
      await requestCell
        .getByRole("link", { name: linked?.reference ?? "", exact: true })
        .getAttribute("href"),
    ).toBe(`/bu/${organization.businessUnitId}/activities/${linked?.id}`);
    expect(
      await requestCell.getByRole("link", { name: "Original activity", exact: true }).getAttribute("href"),
    ).toBe(`/bu/${organization.businessUnitId}/activities/${bookedVisit.id}`);

    await plannerPage.setViewportSize({ width: PHONE_WIDTH, height: 800 });
    expect(await seriousViolations(plannerPage)).toEqual([]);
  });

  it("customer cancels a visit in time", async () => {
    await page.getByRole("link", { name: "Back to your visits", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Hello, Camille", exact: true }).waitFor();
    const title = `Boiler maintenance ${cancelVisit.reference}`;
    await page
      .getByRole("region", { name: "Upcoming visits", exact: true })
      .getByRole("link", { name: title, exact: true })
      .click();
    await page.getByRole("heading", { level: 1, name: title, exact: true }).waitFor();
    expect(await offeredActions(page)).toEqual([CANCEL_LABEL, RESCHEDULE_LABEL]);
    await page.getByRole("link", { name: CANCEL_LABEL, exact: true }).click();
    await page.getByRole("heading", { level: 1, name: CANCEL_LABEL, exact: true }).waitFor();
    expect(await page.getByRole("region", { name: "Visit", exact: true }).textContent()).toContain(
      pageDate(cancelStart.toISO() ?? ""),
    );

    await page.getByRole("button", { name: "Cancel the visit", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Cancel this visit?", exact: true });
    await dialog.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "Yes, cancel the visit", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Your visit is canceled", exact: true }).waitFor();
    await page.getByText("We have recorded the cancellation.", { exact: true }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);

    const canceled = await activity(cancelVisit.id);
    expect(canceled.status).toBe("canceled");
    expect(canceled.cancelReason).toBe("customer_request");
    const messages = await staffApi<{ event: string }[]>("GET", `/messages?activityId=${cancelVisit.id}`);
    expect(messages.map((message) => message.event)).toEqual(["appointment_canceled"]);
  });

  it("cancel past cut-off rejected", async () => {
    await page.goto(`${server.url}/portal/activities/${lateVisit.id}`);
    const title = `Boiler maintenance ${lateVisit.reference}`;
    await page.getByRole("heading", { level: 1, name: title, exact: true }).waitFor();
    expect(await definitionPairs(page)).toEqual([
      ["Date", pageDate(lateStart.toISO() ?? "")],
      ["Time", timeRange(lateStart.toISO() ?? "", lateStart.plus({ hours: 1 }).toISO() ?? "")],
      ["Address", ADDRESS],
    ]);
    expect(await page.getByRole("region", { name: "What you can do", exact: true }).count()).toBe(0);
    expect(await page.getByRole("link", { name: CANCEL_LABEL, exact: true }).count()).toBe(0);

    const rejected = await runAction(maintenanceTypeId, actionIds.cancel, { activityId: lateVisit.id });
    expect(rejected.status).toBe(422);
    expect(rejected.body.error?.code).toBe("change_too_late");
    expect(rejected.body.error?.details).toEqual({ cutoffHours: 24 });
    expect((await activity(lateVisit.id)).status).toBe("pending");
  });

  it("failed condition hides and rejects action", async () => {
    // The visit is less than 24 hours ahead, so "Ask to reschedule" is offered neither on its
    // page nor at the action's address, and the API rejects it.
    const detail = await page.request.get(`${server.url}/portal-api/activities/${lateVisit.id}`);
    expect(detail.status()).toBe(200);
    expect(((await detail.json()) as { actions: unknown[] }).actions).toEqual([]);
    await page.goto(
      `${server.url}/portal/actions/${maintenanceTypeId}/${actionIds.reschedule}?activity=${lateVisit.id}`,
    );
    await page
      .getByRole("heading", { level: 1, name: "This action is not available", exact: true })
      .waitFor();
    expect(await page.getByRole("button", { name: "Send the request", exact: true }).count()).toBe(0);

    const rejected = await runAction(maintenanceTypeId, actionIds.reschedule, { activityId: lateVisit.id });
    expect(rejected.status).toBe(422);
    expect(rejected.body.error?.code).toBe("action_unavailable");
    expect(rejected.body.error?.details).toEqual({ reason: "conditions_not_met" });
    expect((await activity(lateVisit.id)).children).toEqual([]);
  });

  it("customer answers the follow-up survey", async () => {
    // Staff close yesterday's visit, and the follow-up rule creates the survey.
    const done = await scheduledVisit(doneStart);
    const closed = await staffApi<ActivityView>("POST", `/activities/${done.id}/close`, {
      answers: {
        actual_start: doneStart.plus({ minutes: 5 }).toISO(),
        actual_end: doneStart.plus({ minutes: 55 }).toISO(),
        result: "ok",
      },
    });
    expect(closed.children).toHaveLength(1);
    const survey = closed.children[0] as ActivityView["children"][number];
    expect(survey.activityTypeId).toBe(surveyTypeId);

    await page.goto(`${server.url}/portal/${slug}`);
    await page.getByRole("heading", { level: 1, name: "Hello, Camille", exact: true }).waitFor();
    const upcoming = page.getByRole("region", { name: "Upcoming visits", exact: true });
    await upcoming.getByRole("link", { name: SURVEY_TITLE, exact: true }).click();
    await page.getByRole("heading", { level: 1, name: SURVEY_TITLE, exact: true }).waitFor();
    expect(await offeredActions(page)).toEqual([SURVEY_LABEL]);
    await page.getByRole("link", { name: SURVEY_LABEL, exact: true }).click();
    await page.getByRole("heading", { level: 1, name: SURVEY_LABEL, exact: true }).waitFor();
    const rating = page.getByRole("group", { name: "Your rating of the visit", exact: true });
    await rating.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await rating.getByRole("radio", { name: "5 out of 5", exact: true }).check();
    await page.getByRole("button", { name: "Send my answers", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Thank you for your answers", exact: true }).waitFor();
    await page.getByText("We have received them.", { exact: true }).waitFor();

    const answered = await activity(survey.id);
    expect(answered.status).toBe("terminated");
    expect(answered.result).toBe("ok");
    expect(answered.closingAnswers).toEqual({ note: 5, result: "ok" });

    // The survey's page shows it finished and offers nothing more, and it is now a past visit.
    await page.getByRole("link", { name: "See the visit", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: SURVEY_TITLE, exact: true }).waitFor();
    await page.locator("main").getByText("Completed", { exact: true }).waitFor();
    expect(await page.getByRole("region", { name: "What you can do", exact: true }).count()).toBe(0);
    await page.getByRole("link", { name: "Back to your visits", exact: true }).click();
    const past = page.getByRole("region", { name: "Past visits", exact: true });
    await past.getByRole("link", { name: SURVEY_TITLE, exact: true }).waitFor();
    expect((await past.getByRole("link").allTextContents()).sort()).toEqual([
      `Boiler maintenance ${cancelVisit.reference}`,
      `Boiler maintenance ${done.reference}`,
      SURVEY_TITLE,
    ]);
    expect(await upcoming.getByRole("link", { name: SURVEY_TITLE, exact: true }).count()).toBe(0);

    const { events } = await staffApi<{ events: PortalEvent[] }>("GET", "/portal-events?status=all");
    expect(events.map((event) => [event.kind, event.activity.reference, event.actionLabel])).toEqual([
      ["closed", survey.reference, SURVEY_LABEL],
      ["canceled", cancelVisit.reference, CANCEL_LABEL],
      ["requested", "A000004", RESCHEDULE_LABEL],
      ["booked", bookedVisit.reference, BOOK_LABEL],
    ]);
  });
});
