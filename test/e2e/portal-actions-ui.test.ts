import { randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { DateTime } from "luxon";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestOrganization, TEST_PASSWORD, type TestOrganization } from "../helpers/factories.js";
import { type E2eDatabase, e2eDatabase, launchBrowser, type RunningServer, startServer } from "./harness.js";

/**
 * The customer portal's action screens from end to end, on a real server and database. Staff
 * configure two actions through the API: "Book a maintenance visit" on the home page, with a
 * form and a scheduling step, and "Cancel this visit" on each visit. The customer uses a 375 px
 * phone whose clock is set to London time. They book through the form and an arrival window shown
 * in Paris time, and get fresh windows when the chosen one is taken meanwhile. They cancel a visit
 * after confirming, are refused past the cut-off, and book again with the keyboard alone. A customer without a located address
 * gets the company's phone instead of windows, a household sharing one email switches accounts,
 * and a staff preview shows the actions disabled. axe-core checks every screen at 375 px.
 */

const ZONE = "Europe/Paris";
const DEVICE_ZONE = "Europe/London";
const PHONE_WIDTH = 375;
const COMPANY = "Chauffage Durand";
const TITLE = "Boiler maintenance";
const BOOK_LABEL = "Book a maintenance visit";
const CANCEL_LABEL = "Cancel this visit";
const LYON = { latitude: 45.7631, longitude: 4.8336 };

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
  status: string;
  cancelReason: string | null;
  assignee: { id: string; name: string } | null;
  startAt: string | null;
  confirmedByCustomer: boolean;
  answers: Record<string, unknown>;
}

/** Formats the date of an instant as the portal writes it in English, in Paris: "Monday, 8 June 2026". */
function pageDate(instant: string): string {
  const local = DateTime.fromISO(instant).setZone(ZONE);
  return `${EN_WEEKDAYS[local.weekday - 1]}, ${local.day} ${EN_MONTHS[local.month - 1]} ${local.year}`;
}

/** Formats the time range of a window as the portal writes it, in Paris: "08:00–10:00". */
function pageTimes(window: OfferWindow): string {
  const format = (instant: string) => DateTime.fromISO(instant).setZone(ZONE).toFormat("HH:mm");
  return `${format(window.start)}–${format(window.end)}`;
}

/**
 * The visit to cancel: 14:00 Paris time on a Thursday three to four weeks ahead, well outside
 * the 24-hour cancellation cut-off.
 */
const cancelStart = DateTime.now()
  .setZone(ZONE)
  .plus({ weeks: 3 })
  .startOf("week")
  .plus({ days: 3 })
  .set({ hour: 14, minute: 0, second: 0, millisecond: 0 });

let database: E2eDatabase;
let server: RunningServer;
let browser: Browser;
let organization: TestOrganization;
let staffCookie = "";
let slug = "";
let typeId = "";
let bookActionId = "";
let workerId = "";
let cancelVisitId = "";
const customer = { id: "", email: "" };
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

/** Calls the staff API of the test's business unit and returns the parsed body. */
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

/** Returns the accessible text of the focused element: its label, else its own text. */
function focusedText(target: Page): Promise<string> {
  return target.evaluate<string>(`(() => {
    const element = document.activeElement;
    if (!element) return "";
    const label = element.getAttribute("aria-label") ?? element.labels?.[0]?.textContent;
    return (label ?? element.textContent ?? "").trim();
  })()`);
}

function focusedTag(target: Page): Promise<string> {
  return target.evaluate<string>("document.activeElement?.tagName ?? ''");
}

/** Returns the term and description pairs of the description lists in the main region. */
function definitionPairs(target: Page): Promise<string[][]> {
  return target.evaluate<string[][]>(`[...document.querySelectorAll("main dl > div")]
    .map((row) => [row.querySelector("dt")?.textContent ?? "", row.querySelector("dd")?.textContent ?? ""])`);
}

/** Returns the text of a radio button's label. */
async function radioLabel(target: Page, radio: ReturnType<Page["getByRole"]>): Promise<string> {
  const id = (await radio.getAttribute("id")) ?? "";
  return (await target.locator(`label[for="${id}"]`).textContent()) ?? "";
}

/** Presses Tab until the focused element's text is `text`; fails after `max` presses. */
async function tabTo(target: Page, text: string, max = 40): Promise<void> {
  for (let presses = 0; presses < max; presses += 1) {
    if ((await focusedText(target)) === text) return;
    await target.keyboard.press("Tab");
  }
  expect(await focusedText(target)).toBe(text);
}

/** Loads the arrival windows that the server offers the customer now for the booking action. */
async function currentOffer(): Promise<{ timeZone: string; windows: OfferWindow[] }> {
  const response = await page.request.get(
    `${server.url}/portal-api/actions/${typeId}/${bookActionId}/offers`,
  );
  expect(response.status()).toBe(200);
  return (await response.json()) as { timeZone: string; windows: OfferWindow[] };
}

/** Signs in with `email` through the portal's pages, with the code that the outbox holds. */
async function enterCode(target: Page, email: string): Promise<void> {
  await target.goto(`${server.url}/portal/${slug}`);
  await target.getByLabel("Email address", { exact: true }).fill(email);
  await target.getByRole("button", { name: "Send me a code", exact: true }).click();
  const sent = await until(async () => {
    const messages = await staffApi<{ id: string; event: string; recipient: string }[]>("GET", "/messages");
    return messages.find((message) => message.event === "login_code" && message.recipient === email);
  }, "the login code message");
  const message = await staffApi<{ bodyText: string }>("GET", `/messages/${sent.id}`);
  const code = /^(\d{6})$/m.exec(message.bodyText)?.[1];
  expect(code, message.bodyText).toMatch(/^\d{6}$/);
  await target.getByLabel("6-digit code", { exact: true }).fill(code ?? "");
  await target.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** Signs a customer in and waits for their home page. */
async function signInCustomer(target: Page, email: string, firstName: string): Promise<void> {
  await enterCode(target, email);
  await target.getByRole("heading", { level: 1, name: `Hello, ${firstName}`, exact: true }).waitFor();
}

/** Opens a phone-sized browser profile on London time, with a client address of its own. */
async function newPhone(): Promise<BrowserContext> {
  const context = await browser.newContext({
    locale: "en-GB",
    timezoneId: DEVICE_ZONE,
    viewport: { width: PHONE_WIDTH, height: 800 },
    // axe-core is injected as a script, which the portal's content security policy would block.
    bypassCSP: true,
    serviceWorkers: "block",
    extraHTTPHeaders: {
      "x-forwarded-for": `127.${randomInt(1, 255)}.${randomInt(1, 255)}.${randomInt(1, 255)}`,
    },
  });
  await context.route(
    (url) => url.origin !== server.url,
    (route) => route.abort(),
  );
  return context;
}

beforeAll(async () => {
  database = e2eDatabase();
  organization = await database.prepare((context) => createTestOrganization(context));
  // Slugs are unique across Rondo, and a PostgreSQL test database is shared with other test files.
  slug = `durand-${organization.suffix.toLowerCase()}`;
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

  // One field worker based at the customer's address, working weekdays from 08:00 to 18:00.
  const worker = await staffApi<{ id: string }>("POST", "/users", {
    email: `lea-${organization.suffix.toLowerCase()}@test.example`,
    name: "Léa Tech",
    password: TEST_PASSWORD,
    roles: ["field_worker"],
  });
  workerId = worker.id;
  await staffApi("PATCH", `/workers/${workerId}`, {
    baseLatitude: LYON.latitude,
    baseLongitude: LYON.longitude,
    weeklyHours: {
      days: Object.fromEntries(
        ["1", "2", "3", "4", "5"].map((day) => [day, [{ start: "08:00", end: "18:00" }]]),
      ),
    },
  });

  const type = await staffApi<{ id: string }>("POST", "/activity-types", {
    name: "Entretien chaudière",
    defaultDurationMinutes: 60,
  });
  typeId = type.id;
  await staffApi("PUT", `/activity-types/${typeId}/portal-display`, {
    shown: true,
    title: TITLE,
    description: "",
    longDescription: "",
  });
  const saved = await staffApi<{ actions: { id: string; effect: string }[] }>(
    "PUT",
    `/activity-types/${typeId}/portal-actions`,
    {
      actions: [
        {
          label: { en: BOOK_LABEL, fr: "Réserver un entretien" },
          effect: "create_activity",
          targetTypeId: typeId,
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
                  { value: "other", label: { en: "Other appliance", fr: "Autre appareil" } },
                ],
              },
              {
                code: "appliance_details",
                type: "short_text",
                label: { en: "Which appliance?", fr: "Quel appareil ?" },
                required: true,
                visibleWhen: { all: [{ field: "appliance", operator: "is_one_of", values: ["other"] }] },
              },
            ],
          },
        },
        {
          label: { en: CANCEL_LABEL, fr: "Annuler cette intervention" },
          effect: "cancel_activity",
        },
      ],
    },
  );
  bookActionId = saved.actions.find((action) => action.effect === "create_activity")?.id ?? "";
  expect(bookActionId).not.toBe("");

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
  const visit = await staffApi<{ id: string }>("POST", "/activities", {
    activityTypeId: typeId,
    customerId: customer.id,
  });
  cancelVisitId = visit.id;
  await staffApi("POST", `/activities/${cancelVisitId}/schedule`, {
    assigneeId: workerId,
    startAt: cancelStart.toISO(),
    acceptWarnings: true,
    notifyCustomer: false,
  });

  customerContext = await newPhone();
  page = await customerContext.newPage();
  await signInCustomer(page, customer.email, "Camille");
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  database?.cleanup();
});

describe("portal action screens", () => {
  it("customer books through the form and a window", async () => {
    const actions = page.getByRole("region", { name: "What you can do", exact: true });
    await actions.getByRole("link", { name: BOOK_LABEL, exact: true }).click();
    await page.getByRole("heading", { level: 1, name: BOOK_LABEL, exact: true }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/portal/actions/${typeId}/${bookActionId}`);
    expect(await focusedTag(page)).toBe("H1");
    expect(await page.getByRole("heading", { level: 2 }).textContent()).toBe("Step 1 of 2: Your answers");
    expect(await seriousViolations(page)).toEqual([]);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);

    // A submit without the required answer shows the error under the group and focuses it.
    const appliance = page.getByRole("group", { name: "Appliance to service", exact: true });
    await page.getByRole("button", { name: "Continue", exact: true }).click();
    await appliance.getByText("Answer this question.", { exact: true }).waitFor();
    expect(await focusedText(page)).toBe("Gas boiler");
    const describedBy = (await appliance.getAttribute("aria-describedby")) ?? "";
    const descriptions = await page.evaluate<string[]>(
      `${JSON.stringify(describedBy.split(" "))}.map((id) => document.getElementById(id)?.textContent ?? "")`,
    );
    expect(descriptions).toEqual(["Required", "Answer this question."]);
    expect(await seriousViolations(page)).toEqual([]);

    // The text field shows only for "Other appliance", and is then required too.
    const details = page.getByRole("textbox", { name: "Which appliance?", exact: true });
    expect(await details.count()).toBe(0);
    await appliance.getByRole("radio", { name: "Other appliance", exact: true }).check();
    await details.waitFor();
    await page.getByRole("button", { name: "Continue", exact: true }).click();
    await page.getByText("Answer this question.", { exact: true }).waitFor();
    expect(await focusedText(page)).toBe("Which appliance?");
    expect(await details.getAttribute("aria-invalid")).toBe("true");
    await details.fill("Wood stove");
    await page.getByRole("button", { name: "Continue", exact: true }).click();

    const stepHeading = page.getByRole("heading", {
      level: 2,
      name: "Step 2 of 2: Choose an arrival window",
      exact: true,
    });
    await stepHeading.waitFor();
    expect(await focusedText(page)).toBe("Step 2 of 2: Choose an arrival window");
    const offer = await currentOffer();
    expect(offer.timeZone).toBe(ZONE);
    expect(offer.windows.length).toBeGreaterThan(0);
    const chosen = offer.windows[0] as OfferWindow;
    const day = page.getByRole("group", { name: pageDate(chosen.start), exact: true });
    const radio = day.getByRole("radio", { name: pageTimes(chosen), exact: true });
    await radio.waitFor();
    // The phone is on London time, so the step names the visit's zone.
    await page.getByText("Times are Paris time, the time at the visit's address.", { exact: true }).waitFor();
    const windowGroup = page.getByRole("group", { name: "Arrival windows", exact: true });
    expect(await windowGroup.getByRole("radio").count()).toBe(offer.windows.length);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);

    await radio.check();
    await page.getByRole("button", { name: "Book this window", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Your visit is booked", exact: true }).waitFor();
    expect(await focusedTag(page)).toBe("H1");
    expect(await definitionPairs(page)).toEqual([
      ["Date", pageDate(chosen.start)],
      ["Arrival window", `${pageTimes(chosen)} (Paris time)`],
    ]);
    await page.getByText("A confirmation has been sent to you.", { exact: true }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    const visitLink = page.getByRole("link", { name: "See the visit", exact: true });
    const bookedId = ((await visitLink.getAttribute("href")) ?? "").split("/").at(-1) ?? "";
    const booked = await staffApi<ActivityView>("GET", `/activities/${bookedId}`);
    expect(booked.answers).toEqual({ appliance: "other", appliance_details: "Wood stove" });
    expect(booked.assignee?.id).toBe(workerId);
    expect(booked.confirmedByCustomer).toBe(true);
    const start = Date.parse(booked.startAt ?? "");
    expect(start).toBeGreaterThanOrEqual(Date.parse(chosen.start));
    expect(start).toBeLessThan(Date.parse(chosen.end));
    const messages = await staffApi<{ event: string }[]>("GET", `/messages?activityId=${bookedId}`);
    expect(messages.map((message) => message.event)).toContain("appointment_booked");

    // The new visit is on the home page at once.
    await page.getByRole("link", { name: "Back to your visits", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Hello, Camille", exact: true }).waitFor();
    const upcoming = page.getByRole("region", { name: "Upcoming visits", exact: true });
    await upcoming
      .getByText(`${pageDate(chosen.start)}Arrival window: ${pageTimes(chosen)} (Paris time)`, {
        exact: true,
      })
      .waitFor();
    expect(await upcoming.getByRole("listitem").count()).toBe(2);
  });

  it("window taken meanwhile gives fresh windows", async () => {
    await page
      .getByRole("region", { name: "What you can do", exact: true })
      .getByRole("link", { name: BOOK_LABEL, exact: true })
      .click();
    await page.getByRole("heading", { level: 1, name: BOOK_LABEL, exact: true }).waitFor();
    await page.getByRole("radio", { name: "Gas boiler", exact: true }).check();
    await page.getByRole("button", { name: "Continue", exact: true }).click();
    await page
      .getByRole("group", { name: "Arrival windows", exact: true })
      .getByRole("radio")
      .first()
      .waitFor();

    // Staff fill a whole offered window meanwhile: a visit from its start to one hour after its
    // end leaves no start inside it for a one-hour visit. Windows that overlap a visit booked
    // earlier are skipped, because staff cannot book over one.
    const neighbour = await staffApi<{ id: string }>("POST", "/customers", {
      firstName: "Dominique",
      lastName: "Martin",
      addressLine1: "10 Rue Mercière",
      postcode: "69002",
      city: "Lyon",
      ...LYON,
    });
    const offer = await currentOffer();
    let taken: OfferWindow | undefined;
    for (const window of offer.windows) {
      const minutes = (Date.parse(window.end) - Date.parse(window.start)) / 60_000 + 60;
      const other = await staffApi<{ id: string }>("POST", "/activities", {
        activityTypeId: typeId,
        customerId: neighbour.id,
        durationMinutes: minutes,
      });
      const response = await fetch(
        `${server.url}/api/business-units/${organization.businessUnitId}/activities/${other.id}/schedule`,
        {
          method: "POST",
          headers: { cookie: staffCookie, "content-type": "application/json" },
          body: JSON.stringify({
            assigneeId: workerId,
            startAt: window.start,
            acceptWarnings: true,
            notifyCustomer: false,
          }),
        },
      );
      if (response.ok) {
        taken = window;
        break;
      }
      expect(response.status, await response.text()).toBe(409);
    }
    if (taken === undefined) throw new Error("Staff could not fill any offered window.");
    const day = page.getByRole("group", { name: pageDate(taken.start), exact: true });
    await day.getByRole("radio", { name: pageTimes(taken), exact: true }).check();

    await page.getByRole("button", { name: "Book this window", exact: true }).click();
    const message = "Sorry, someone has just booked this window. Choose one of the new windows below.";
    await page.getByText(message, { exact: true }).waitFor();
    expect(await focusedText(page)).toBe(message);
    await page.getByRole("heading", { level: 1, name: BOOK_LABEL, exact: true }).waitFor();
    expect(await day.getByRole("radio", { name: pageTimes(taken), exact: true }).count()).toBe(0);
    expect(
      await page
        .getByRole("group", { name: "Arrival windows", exact: true })
        .getByRole("radio", { checked: true })
        .count(),
    ).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    // The answers stay: back on the form, the boiler is still chosen.
    await page.getByRole("button", { name: "Back to your answers", exact: true }).click();
    expect(await page.getByRole("radio", { name: "Gas boiler", exact: true }).isChecked()).toBe(true);
    await page.getByRole("button", { name: "Continue", exact: true }).click();

    const fresh = page
      .getByRole("group", { name: "Arrival windows", exact: true })
      .getByRole("radio")
      .first();
    await fresh.waitFor();
    const freshLabel = await radioLabel(page, fresh);
    await fresh.check();
    await page.getByRole("button", { name: "Book this window", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Your visit is booked", exact: true }).waitFor();
    const pairs = await definitionPairs(page);
    expect(pairs[1]).toEqual(["Arrival window", `${freshLabel} (Paris time)`]);
  });

  it("customer cancels a visit after confirming", async () => {
    await page.getByRole("link", { name: "Back to your visits", exact: true }).click();
    const card = page
      .getByRole("region", { name: "Upcoming visits", exact: true })
      .getByRole("listitem")
      .filter({ hasText: pageDate(cancelStart.toISO() ?? "") });
    await card.getByRole("link", { name: TITLE, exact: true }).click();
    await page.getByRole("heading", { level: 1, name: TITLE, exact: true }).waitFor();
    await page
      .getByRole("region", { name: "What you can do", exact: true })
      .getByRole("link", { name: CANCEL_LABEL, exact: true })
      .click();
    await page.getByRole("heading", { level: 1, name: CANCEL_LABEL, exact: true }).waitFor();
    expect(await page.getByRole("region", { name: "Visit", exact: true }).textContent()).toContain(
      pageDate(cancelStart.toISO() ?? ""),
    );
    expect(await seriousViolations(page)).toEqual([]);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);

    // "Keep the visit" closes the question and changes nothing.
    await page.getByRole("button", { name: "Cancel the visit", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Cancel this visit?", exact: true });
    await dialog.waitFor();
    expect(await focusedText(page)).toBe("Keep the visit");
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "Keep the visit", exact: true }).click();
    await dialog.waitFor({ state: "hidden" });
    expect((await staffApi<ActivityView>("GET", `/activities/${cancelVisitId}`)).status).toBe("pending");

    await page.getByRole("button", { name: "Cancel the visit", exact: true }).click();
    await dialog.getByRole("button", { name: "Yes, cancel the visit", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Your visit is canceled", exact: true }).waitFor();
    await page.getByText("We have recorded the cancellation.", { exact: true }).waitFor();
    const canceled = await staffApi<ActivityView>("GET", `/activities/${cancelVisitId}`);
    expect(canceled.status).toBe("canceled");
    expect(canceled.cancelReason).toBe("customer_request");

    // The visit's page shows it canceled, without the action.
    await page.getByRole("link", { name: "See the visit", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: TITLE, exact: true }).waitFor();
    await page.locator("main").getByText("Canceled", { exact: true }).waitFor();
    expect(await page.getByRole("region", { name: "What you can do", exact: true }).count()).toBe(0);
  });

  it("cancel past the cut-off is refused", async () => {
    const visit = await staffApi<{ id: string }>("POST", "/activities", {
      activityTypeId: typeId,
      customerId: customer.id,
    });
    await staffApi("POST", `/activities/${visit.id}/schedule`, {
      assigneeId: workerId,
      startAt: cancelStart.plus({ weeks: 1 }).toISO(),
      acceptWarnings: true,
      notifyCustomer: false,
    });
    await page.goto(`${server.url}/portal/activities/${visit.id}`);
    await page
      .getByRole("region", { name: "What you can do", exact: true })
      .getByRole("link", { name: CANCEL_LABEL, exact: true })
      .click();
    await page.getByRole("heading", { level: 1, name: CANCEL_LABEL, exact: true }).waitFor();

    // Meanwhile staff move the visit to less than 24 hours ahead, inside the cancellation cut-off.
    // Hours already taken by earlier bookings are skipped.
    let moved = false;
    for (let hours = 2; hours < 24 && !moved; hours += 1) {
      const response = await fetch(
        `${server.url}/api/business-units/${organization.businessUnitId}/activities/${visit.id}/schedule`,
        {
          method: "POST",
          headers: { cookie: staffCookie, "content-type": "application/json" },
          body: JSON.stringify({
            assigneeId: workerId,
            startAt: DateTime.now().plus({ hours }).startOf("hour").toISO(),
            acceptWarnings: true,
            notifyCustomer: false,
          }),
        },
      );
      moved = response.ok;
    }
    expect(moved).toBe(true);

    await page.getByRole("button", { name: "Cancel the visit", exact: true }).click();
    await page
      .getByRole("dialog", { name: "Cancel this visit?", exact: true })
      .getByRole("button", { name: "Yes, cancel the visit", exact: true })
      .click();
    const refusal = "This visit can no longer be changed online. Call us to change it.";
    await page.getByText(refusal, { exact: true }).waitFor();
    expect(await focusedText(page)).toBe(
      `${refusal}Online changes are possible until 24 hours before the visit.Call us at +33 4 78 00 11 22.`,
    );
    expect(await page.getByRole("button", { name: "Cancel the visit", exact: true }).count()).toBe(0);
    expect((await staffApi<ActivityView>("GET", `/activities/${visit.id}`)).status).toBe("pending");
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole("main").getByRole("link", { name: "Back to the visit" }).last().click();
    await page.getByRole("heading", { level: 1, name: TITLE, exact: true }).waitFor();
    // The visit's page loads the visit again, now without the action.
    await expect
      .poll(() => page.getByRole("region", { name: "What you can do", exact: true }).count())
      .toBe(0);
  });

  it("customer books with the keyboard alone", async () => {
    await page.goto(`${server.url}/portal/${slug}`);
    await page.getByRole("heading", { level: 1, name: "Hello, Camille", exact: true }).waitFor();
    await tabTo(page, BOOK_LABEL);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: BOOK_LABEL, exact: true }).waitFor();
    expect(await focusedText(page)).toBe(BOOK_LABEL);

    // Enter on "Continue" without an answer moves the focus to the first option.
    await tabTo(page, "Continue");
    await page.keyboard.press("Enter");
    await page.getByText("Answer this question.", { exact: true }).waitFor();
    expect(await focusedText(page)).toBe("Gas boiler");
    await page.keyboard.press("ArrowDown");
    expect(await focusedText(page)).toBe("Heat pump");
    expect(await page.getByRole("radio", { name: "Heat pump", exact: true }).isChecked()).toBe(true);
    await tabTo(page, "Continue", 3);
    await page.keyboard.press("Enter");

    await page.getByRole("heading", { level: 2, name: "Step 2 of 2: Choose an arrival window" }).waitFor();
    expect(await focusedText(page)).toBe("Step 2 of 2: Choose an arrival window");
    const offer = await currentOffer();
    const first = offer.windows[0] as OfferWindow;
    await page
      .getByRole("group", { name: "Arrival windows", exact: true })
      .getByRole("radio")
      .first()
      .waitFor();
    await page.keyboard.press("Tab");
    expect(await focusedText(page)).toBe(pageTimes(first));
    await page.keyboard.press("Space");
    await tabTo(page, "Book this window", 3);
    await page.keyboard.press("Enter");

    await page.getByRole("heading", { level: 1, name: "Your visit is booked", exact: true }).waitFor();
    expect(await focusedText(page)).toBe("Your visit is booked");
    expect(await definitionPairs(page)).toEqual([
      ["Date", pageDate(first.start)],
      ["Arrival window", `${pageTimes(first)} (Paris time)`],
    ]);
  });

  it("unlocated customer gets the phone to call", async () => {
    const email = `sacha-${organization.suffix.toLowerCase()}@example.com`;
    await staffApi("POST", "/customers", {
      firstName: "Sacha",
      lastName: "Girard",
      email,
      language: "en",
      portalAccess: true,
    });
    const phone = await newPhone();
    const tab = await phone.newPage();
    await signInCustomer(tab, email, "Sacha");
    await tab
      .getByRole("region", { name: "What you can do", exact: true })
      .getByRole("link", { name: BOOK_LABEL, exact: true })
      .click();
    await tab.getByRole("radio", { name: "Gas boiler", exact: true }).check();
    await tab.getByRole("button", { name: "Continue", exact: true }).click();

    const message =
      "We cannot book online because your address is not located on our map. Call us and we will book the visit with you.";
    await tab.getByText(message, { exact: true }).waitFor();
    const call = tab.getByRole("link", { name: "+33 4 78 00 11 22", exact: true });
    expect(await call.getAttribute("href")).toBe("tel:+33478001122");
    expect(await focusedText(tab)).toBe(`${message}Call us at +33 4 78 00 11 22.`);
    expect(await tab.getByRole("button", { name: "Book this window", exact: true }).count()).toBe(0);
    expect(await tab.getByRole("group", { name: "Arrival windows", exact: true }).count()).toBe(0);
    expect(await seriousViolations(tab)).toEqual([]);
    expect(await scrollWidth(tab)).toBeLessThanOrEqual(PHONE_WIDTH);
    await phone.close();
  });

  it("customer switches between two accounts", async () => {
    // A household: two customers of the company with one email address.
    const email = `roux-${organization.suffix.toLowerCase()}@example.com`;
    for (const firstName of ["Alex", "Charlie"]) {
      await staffApi("POST", "/customers", {
        firstName,
        lastName: "Roux",
        email,
        language: "en",
        portalAccess: true,
      });
    }
    const phone = await newPhone();
    const tab = await phone.newPage();
    await enterCode(tab, email);
    await tab.getByRole("heading", { level: 1, name: "Choose an account", exact: true }).waitFor();
    await tab.getByRole("button", { name: /Customer: Alex Roux/ }).click();
    await tab.getByRole("heading", { level: 1, name: "Hello, Alex", exact: true }).waitFor();

    const navigation = tab.getByRole("navigation", { name: "Portal", exact: true });
    await navigation.getByRole("link", { name: "Switch account", exact: true }).click();
    await tab.getByRole("heading", { level: 1, name: "Switch account", exact: true }).waitFor();
    expect(await focusedTag(tab)).toBe("H1");
    const accounts = tab.getByRole("main").getByRole("listitem");
    expect(await accounts.count()).toBe(2);
    const current = accounts.filter({ hasText: "Customer: Alex Roux" });
    await current.getByText("Open now", { exact: true }).waitFor();
    expect(await current.getByRole("button").count()).toBe(0);
    expect(await seriousViolations(tab)).toEqual([]);
    expect(await scrollWidth(tab)).toBeLessThanOrEqual(PHONE_WIDTH);

    await tab.getByRole("button", { name: /Customer: Charlie Roux/ }).click();
    await tab.getByRole("heading", { level: 1, name: "Hello, Charlie", exact: true }).waitFor();
    expect(new URL(tab.url()).pathname).toBe(`/portal/${slug}`);
    await phone.close();
  });

  it("staff preview shows the actions disabled", async () => {
    const { url } = await staffApi<{ url: string }>("POST", `/customers/${customer.id}/portal-preview`);
    const previewContext = await browser.newContext({
      locale: "en-GB",
      timezoneId: ZONE,
      viewport: { width: PHONE_WIDTH, height: 800 },
      bypassCSP: true,
      serviceWorkers: "block",
    });
    const tab = await previewContext.newPage();
    await tab.goto(`${server.url}${url}`);
    await tab.getByRole("heading", { level: 1, name: "Hello, Camille", exact: true }).waitFor();
    const actions = tab.getByRole("region", { name: "What you can do", exact: true });
    const button = actions.getByRole("button", { name: BOOK_LABEL, exact: true });
    await button.waitFor();
    expect(await button.isDisabled()).toBe(true);
    const noteId = (await button.getAttribute("aria-describedby")) ?? "";
    expect(
      await tab.evaluate<string>(`document.getElementById(${JSON.stringify(noteId)})?.textContent ?? ""`),
    ).toBe("Actions are disabled in this preview.");
    expect(await actions.getByRole("link").count()).toBe(0);
    expect(await seriousViolations(tab)).toEqual([]);
    await previewContext.close();
  });
});
